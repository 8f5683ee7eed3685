// The standard objects, in the order menus show them (owned children are reached through their parent).
import type { ObjectDefinition } from '../records/index.ts';
import { accounts } from './accounts.ts';
import { activities } from './activities.ts';
import { contacts } from './contacts.ts';
import { leads } from './leads.ts';
import { opportunities } from './opportunities.ts';
import { opportunityStageChanges } from './opportunityStageChanges.ts';
import { pipelines } from './pipelines.ts';
import { pipelineStages } from './pipelineStages.ts';
import { products } from './products.ts';
import { relationships } from './relationships.ts';
import { relationshipTypes } from './relationshipTypes.ts';
import { users } from './users.ts';

export const standardObjects: readonly ObjectDefinition[] = [
  accounts,
  contacts,
  leads,
  // Pipelines before opportunities: an opportunity's table refers to theirs.
  pipelines,
  pipelineStages,
  opportunities,
  opportunityStageChanges,
  activities,
  products,
  users,
  // The relationship network (domains/network): types before the edges that refer to them.
  relationshipTypes,
  relationships,
];
