// The standard objects, in the order menus show them.
import type { ObjectDefinition } from '../records/types.ts';
import { accounts } from './accounts.ts';
import { activities } from './activities.ts';
import { contacts } from './contacts.ts';
import { leads } from './leads.ts';
import { opportunities } from './opportunities.ts';
import { products } from './products.ts';
import { users } from './users.ts';

export const standardObjects: readonly ObjectDefinition[] = [
  accounts,
  contacts,
  leads,
  opportunities,
  activities,
  products,
  users,
];
