// The core module: the standard objects (server/objects/) and the activities every record's timeline shows.
import { defineModule } from '../../records/index.ts';
import { standardObjects } from '../../objects/index.ts';

export const coreModule = defineModule({
  name: 'core',
  objects: standardObjects,
  timeline: [
    {
      kind: 'activity',
      object: 'activities',
      // Every lookup of an activity links it to a record: relatedId, accountId … and custom lookups alike.
      linkFields: (def) => def.fields.filter((f) => f.type === 'lookup'),
      atFields: ['startAt', 'createdAt'],
    },
  ],
});
