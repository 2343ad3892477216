import { RouteDef } from '../http/route';
import { credentialRoutes } from './credentials.routes';
import { destinationRoutes } from './destinations.routes';
import { filterRoutes } from './filters.routes';
import { functionRoutes } from './functions.routes';
import { iamRoutes } from './iam.routes';
import { insertFunctionRoutes } from './insert-functions.routes';
import { labelRoutes } from './labels.routes';
import { reverseEtlRoutes } from './reverse-etl.routes';
import { sourceRoutes } from './sources.routes';
import { subscriptionRoutes } from './subscriptions.routes';
import { trackingPlanRoutes } from './tracking-plans.routes';
import { transformationRoutes } from './transformations.routes';
import { warehouseRoutes } from './warehouses.routes';
import { workspaceRoutes } from './workspace.routes';

/** Every Public API operation the simulator serves. */
export const ALL_ROUTES: RouteDef[] = [
  ...workspaceRoutes,
  ...labelRoutes,
  ...sourceRoutes,
  ...destinationRoutes,
  ...filterRoutes,
  ...subscriptionRoutes,
  ...warehouseRoutes,
  ...trackingPlanRoutes,
  ...transformationRoutes,
  ...functionRoutes,
  ...insertFunctionRoutes,
  ...reverseEtlRoutes,
  ...credentialRoutes,
  ...iamRoutes,
];
