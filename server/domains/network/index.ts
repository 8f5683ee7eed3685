// The relationship network: typed, dated relationships between accounts and contacts (objects
// `relationships` and `relationshipTypes` in server/objects/), a record's neighbourhood for the graph
// view, "who connects us to X" (the k shortest paths from the caller's own records, over the records
// they may read) and an account's org chart from its contacts' `reportsToId`.
import { defineModule } from '../../records/index.ts';
import { followEnd } from './follow-ends.ts';
import { contactHooks, relationshipHooks } from './relationship-hooks.ts';
import { networkRoutes } from './routes.ts';
import { seedRelationshipTypes } from './standard-types.ts';

export const networkModule = defineModule({
  name: 'network',
  hooks: { relationships: relationshipHooks, contacts: { ...contactHooks, afterWrite: followEnd }, accounts: { afterWrite: followEnd } },
  routes: networkRoutes,
  seed: seedRelationshipTypes,
});
