import { arr, bool, obj, readBody, str } from '../engine/validate';
import { RequestContext, route, RouteDef } from '../http/route';
import { validation } from '../http/sim-error';
import { TransformationRecord } from '../state/records';
import { transformationView } from '../state/views';
import { audit, found, isMasked, list, SUCCESS } from './common';
import { checkFql } from './fql';

const fields = {
  name: str({ nonEmpty: true, max: 200 }),
  sourceId: str({ nonEmpty: true }),
  destinationMetadataId: str({ nonEmpty: true }),
  enabled: bool(),
  if: str(),
  drop: bool(),
  newEventName: str(),
  propertyRenames: arr(obj({ oldName: str({ required: true, nonEmpty: true }), newName: str({ required: true, nonEmpty: true }) })),
  propertyValueTransformations: arr(
    obj({ propertyPaths: arr(str(), { required: true, nonEmpty: true }), propertyValue: str({ required: true }) }),
    { max: 10 },
  ),
  fqlDefinedProperties: arr(obj({ fql: str({ required: true, nonEmpty: true }), propertyName: str({ required: true, nonEmpty: true }) }), {
    max: 1,
  }),
  allowProperties: arr(str()),
  hashPropertiesConfiguration: obj({
    hashingAlgo: str({ required: true, enum: ['MD5', 'SHA256', 'SHA1'] }),
    key: str(),
    paths: arr(str(), { required: true }),
  }),
};

const find = (ctx: RequestContext) =>
  found(ctx.ws.transformations.get(ctx.params.transformationId!), 'Transformation', ctx.params.transformationId!);

function checkReferences(ctx: RequestContext, body: Partial<TransformationRecord>): void {
  if (body.sourceId !== undefined && !ctx.ws.sources.has(body.sourceId))
    throw validation('sourceId', `Source '${body.sourceId}' does not exist in this workspace.`);
  if (body.destinationMetadataId !== undefined && !ctx.catalog.destinationsById.has(body.destinationMetadataId)) {
    throw validation('destinationMetadataId', `destinationMetadataId '${body.destinationMetadataId}' is not a Destination in the catalog.`);
  }
  if (body.if !== undefined) checkFql(body.if, 'if');
}

export const transformationRoutes: RouteDef[] = [
  route('listTransformations', 'GET /transformations', { feature: 'Protocols' }, (ctx) =>
    list(ctx, 'transformations', ctx.ws.transformations, 'transformations', transformationView),
  ),
  route('createTransformation', 'POST /transformations', { feature: 'Protocols' }, (ctx) => {
    const body = readBody<Omit<TransformationRecord, 'id'>>(ctx.body, {
      ...fields,
      name: str({ required: true, nonEmpty: true, max: 200 }),
      sourceId: str({ required: true, nonEmpty: true }),
      enabled: bool({ required: true }),
      if: str({ required: true }),
    });
    checkReferences(ctx, body);
    const rec: TransformationRecord = { id: ctx.ws.ids.base62(), ...body };
    ctx.ws.transformations.set(rec.id, rec);
    audit(ctx, 'Transformation Created', 'transformation', rec.id, rec.name);
    return { data: { transformation: transformationView(rec) } };
  }),
  route('getTransformation', 'GET /transformations/:transformationId', { feature: 'Protocols' }, (ctx) => ({
    data: { transformation: transformationView(find(ctx)) },
  })),
  route('updateTransformation', 'PATCH /transformations/:transformationId', { feature: 'Protocols' }, (ctx) => {
    const rec = find(ctx);
    const body = readBody<Partial<TransformationRecord>>(ctx.body, fields);
    checkReferences(ctx, body);
    const hash = body.hashPropertiesConfiguration;
    // Like every secret Segment masks, a masked hashing key sent back is stored as it is.
    Object.assign(rec, body);
    if (hash && hash.key === undefined && isMasked(rec.hashPropertiesConfiguration?.key)) delete rec.hashPropertiesConfiguration?.key;
    audit(ctx, 'Transformation Updated', 'transformation', rec.id, rec.name);
    return { data: { transformation: transformationView(rec) } };
  }),
  route('deleteTransformation', 'DELETE /transformations/:transformationId', { feature: 'Protocols' }, (ctx) => {
    const rec = find(ctx);
    ctx.ws.transformations.delete(rec.id);
    audit(ctx, 'Transformation Deleted', 'transformation', rec.id, rec.name);
    return SUCCESS;
  }),
];
