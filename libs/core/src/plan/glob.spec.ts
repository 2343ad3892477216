import { globMatcher } from './glob';

describe('globMatcher', () => {
  it('matches the whole text, case-insensitively', () => {
    const match = globMatcher('Amplitude');
    expect(match('amplitude')).toBe(true);
    expect(match('AMPLITUDE')).toBe(true);
    expect(match('Amplitude (web)')).toBe(false);
    expect(match('My Amplitude')).toBe(false);
  });

  it('lets * stand for any run of characters, the empty one included', () => {
    expect(globMatcher('web*')('web')).toBe(true);
    expect(globMatcher('web*')('web-prod')).toBe(true);
    expect(globMatcher('*prod')('web-prod')).toBe(true);
    expect(globMatcher('*prod')('web-production')).toBe(false);
    expect(globMatcher('a*c*e')('abcde')).toBe(true);
    expect(globMatcher('a*c*e')('abde')).toBe(false);
    expect(globMatcher('*')('')).toBe(true);
    expect(globMatcher('*')('anything / at all')).toBe(true);
  });

  it('takes every other character literally, regex syntax included', () => {
    expect(globMatcher('a.b')('a.b')).toBe(true);
    expect(globMatcher('a.b')('axb')).toBe(false);
    expect(globMatcher('a?')('a?')).toBe(true);
    expect(globMatcher('a?')('a')).toBe(false);
    expect(globMatcher('(web)')('(web)')).toBe(true);
    expect(globMatcher('x+')('xx')).toBe(false);
    expect(globMatcher('[ab]')('a')).toBe(false);
    expect(globMatcher('[ab]')('[ab]')).toBe(true);
    expect(globMatcher('$1^')('$1^')).toBe(true);
    expect(globMatcher('a\\b')('a\\b')).toBe(true);
    expect(globMatcher('a|b')('a')).toBe(false);
  });

  it('matches across the natural-key separator and new lines', () => {
    expect(globMatcher('web / *')('web / Amplitude')).toBe(true);
    expect(globMatcher('a*b')('a\nb')).toBe(true);
  });

  it('anchors both ends, and finds middle pieces in order without overlapping the ends', () => {
    expect(globMatcher('ab*ba')('aba')).toBe(false);
    expect(globMatcher('ab*ba')('abba')).toBe(true);
    expect(globMatcher('a*b*c')('acb')).toBe(false);
    expect(globMatcher('a*b*b')('ab')).toBe(false);
    expect(globMatcher('*x*x*')('x')).toBe(false);
    expect(globMatcher('*x*x*')('xax')).toBe(true);
    expect(globMatcher('**a**')('AAA')).toBe(true);
  });

  it('answers hostile patterns against long names at once: no backtracking (issue 10, finding 1)', () => {
    const long = 'a'.repeat(50_000);
    // as a regex (^.*.*.*.*.*.*.*.*#$) this pins a CPU for hours
    expect(globMatcher('********#')(long)).toBe(false);
    expect(globMatcher('********#')(`${long}#`)).toBe(true);
    expect(globMatcher('*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b')(long)).toBe(false);
    expect(globMatcher(`${'*a'.repeat(128)}*`)(long)).toBe(true);
  });
});
