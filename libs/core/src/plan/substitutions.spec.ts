import { JsonObject } from '../json';
import { substitutionTransform } from './substitutions';
import { Resource } from '../resources';

const resource = (kind: string, body: JsonObject): Resource => ({ kind, id: `${kind}_1`, naturalKey: kind, hash: '', body });
const apply = (substitutions: Parameters<typeof substitutionTransform>[0], kind: string, body: JsonObject) =>
  substitutionTransform(substitutions)(resource(kind, body), body);

const STAGING_TO_PROD = { match: 'staging', replace: 'prod' };

describe('substitutionTransform', () => {
  describe('default fields', () => {
    it('replaces in name, displayName, title and description', () => {
      const body = { name: 'web staging', displayName: 'Staging-staging', title: 'staging filter', description: 'for staging only' };
      expect(apply([STAGING_TO_PROD], 'source', body)).toEqual({
        name: 'web prod',
        displayName: 'Staging-prod',
        title: 'prod filter',
        description: 'for prod only',
      });
    });

    it('replaces in every string under settings, nested objects and arrays included', () => {
      const body = {
        settings: {
          endpoint: 'https://staging.example.com',
          nested: { deeper: { host: 'staging-db' } },
          hosts: ['staging-1', 'staging-2'],
          mappings: [{ to: 'staging_table' }, { to: 'other' }],
        },
      };
      expect(apply([STAGING_TO_PROD], 'destination', body)).toEqual({
        settings: {
          endpoint: 'https://prod.example.com',
          nested: { deeper: { host: 'prod-db' } },
          hosts: ['prod-1', 'prod-2'],
          mappings: [{ to: 'prod_table' }, { to: 'other' }],
        },
      });
    });

    it('leaves every other field alone, even one whose name starts like a default field', () => {
      const body = {
        slug: 'staging',
        code: 'const env = "staging"',
        names: 'staging',
        settingsBackup: 'staging',
        query: 'select * from staging',
        labels: [{ key: 'env', value: 'staging' }],
      };
      expect(apply([STAGING_TO_PROD], 'source', body)).toEqual(body);
    });

    it('never touches keys, only string values', () => {
      const body = { settings: { staging: 'staging' } };
      expect(apply([STAGING_TO_PROD], 'source', body)).toEqual({ settings: { staging: 'prod' } });
    });

    it('keeps numbers, booleans, null and empty containers as they are', () => {
      const body = { name: 'staging', settings: { port: 5432, ssl: true, region: null, tags: [], extra: {} } };
      expect(apply([STAGING_TO_PROD], 'source', body)).toEqual({
        name: 'prod',
        settings: { port: 5432, ssl: true, region: null, tags: [], extra: {} },
      });
    });
  });

  describe('occurrences', () => {
    it('replaces every occurrence, not only the first', () => {
      expect(apply([STAGING_TO_PROD], 'source', { name: 'staging/staging/stagingstaging' })).toEqual({ name: 'prod/prod/prodprod' });
    });

    it('matches plain text, not a regular expression', () => {
      expect(apply([{ match: 'a.c', replace: 'X' }], 'source', { name: 'abc a.c a.c' })).toEqual({ name: 'abc X X' });
      expect(apply([{ match: '$1', replace: '$&' }], 'source', { name: 'price $1' })).toEqual({ name: 'price $&' });
    });

    it('is case-sensitive', () => {
      expect(apply([STAGING_TO_PROD], 'source', { name: 'Staging STAGING staging' })).toEqual({ name: 'Staging STAGING prod' });
    });

    it('applies substitutions in the order given, each to the result of the previous one', () => {
      const chain = [
        { match: 'staging', replace: 'preprod' },
        { match: 'preprod', replace: 'prod' },
      ];
      expect(apply(chain, 'source', { name: 'staging and preprod' })).toEqual({ name: 'prod and prod' });
      const reversed = [...chain].reverse();
      expect(apply(reversed, 'source', { name: 'staging and preprod' })).toEqual({ name: 'preprod and prod' });
    });
  });

  describe('fields', () => {
    it('takes dotted names instead of the defaults', () => {
      const body = { name: 'staging', slug: 'web-staging', settings: { endpoint: 'staging', other: 'staging' } };
      expect(apply([{ ...STAGING_TO_PROD, fields: ['slug', 'settings.endpoint'] }], 'source', body)).toEqual({
        name: 'staging',
        slug: 'web-prod',
        settings: { endpoint: 'prod', other: 'staging' },
      });
    });

    it('takes JSON pointers like dotted names', () => {
      const body = { name: 'staging', slug: 'web-staging', settings: { endpoint: 'staging', other: 'staging' } };
      expect(apply([{ ...STAGING_TO_PROD, fields: ['/slug', '/settings/endpoint'] }], 'source', body)).toEqual({
        name: 'staging',
        slug: 'web-prod',
        settings: { endpoint: 'prod', other: 'staging' },
      });
    });

    it('covers everything under a field, but not a sibling sharing its prefix', () => {
      const body = { settings: { connection: { host: 'staging', opts: ['staging'] }, connectionName: 'staging' } };
      expect(apply([{ ...STAGING_TO_PROD, fields: ['settings.connection'] }], 'source', body)).toEqual({
        settings: { connection: { host: 'prod', opts: ['prod'] }, connectionName: 'staging' },
      });
    });

    it('covers the items of an array field, and a field of every object in an array', () => {
      const body: JsonObject = {
        tags: ['staging', 'x-staging'],
        settings: { list: [{ url: 'staging.a', keep: 'staging' }, { url: 'staging.b' }] },
      };
      expect(apply([{ ...STAGING_TO_PROD, fields: ['tags', 'settings.list.url'] }], 'source', body)).toEqual({
        tags: ['prod', 'x-prod'],
        settings: { list: [{ url: 'prod.a', keep: 'staging' }, { url: 'prod.b' }] },
      });
    });

    it('gives each substitution its own fields', () => {
      const body = { name: 'staging', slug: 'staging' };
      const substitutions = [
        { match: 'staging', replace: 'by-name' },
        { match: 'staging', replace: 'by-slug', fields: ['slug'] },
      ];
      expect(apply(substitutions, 'source', body)).toEqual({ name: 'by-name', slug: 'by-slug' });
    });
  });

  describe('kinds', () => {
    it('applies only to the kinds listed', () => {
      const substitution = { ...STAGING_TO_PROD, kinds: ['destination'] };
      expect(apply([substitution], 'destination', { name: 'staging' })).toEqual({ name: 'prod' });
      expect(apply([substitution], 'source', { name: 'staging' })).toEqual({ name: 'staging' });
    });

    it('applies to every kind when the list is empty', () => {
      expect(apply([{ ...STAGING_TO_PROD, kinds: [] }], 'source', { name: 'staging' })).toEqual({ name: 'prod' });
    });

    it('mixes restricted and general substitutions', () => {
      const substitutions = [
        { match: 'a', replace: 'b', kinds: ['source'] },
        { match: 'x', replace: 'y' },
      ];
      expect(apply(substitutions, 'source', { name: 'ax' })).toEqual({ name: 'by' });
      expect(apply(substitutions, 'function', { name: 'ax' })).toEqual({ name: 'ay' });
    });
  });

  it('returns the body itself when no substitution applies, and never modifies its input', () => {
    const body = { name: 'staging', settings: { list: ['staging'] } };
    const frozen = JSON.parse(JSON.stringify(body)) as JsonObject;
    expect(substitutionTransform([])(resource('source', body), body)).toBe(body);
    expect(substitutionTransform([{ ...STAGING_TO_PROD, kinds: ['destination'] }])(resource('source', body), body)).toBe(body);
    const out = apply([STAGING_TO_PROD], 'source', body);
    expect(out).toEqual({ name: 'prod', settings: { list: ['prod'] } });
    expect(body).toEqual(frozen);
  });

  it('uses the body it is given, not the resource body', () => {
    const transform = substitutionTransform([STAGING_TO_PROD]);
    expect(transform(resource('source', { name: 'other' }), { name: 'staging' })).toEqual({ name: 'prod' });
  });
});
