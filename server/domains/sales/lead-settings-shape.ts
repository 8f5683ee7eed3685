// The shape of the leads settings an administrator makes (the web-to-lead form, the assignment rules):
// their types, defaults and JSON Schemas, and the lead score's summary they read. Free of imports, so
// the web app takes its types from here too.

/** Lead fields a web form may offer: the ones a visitor can fill in about themselves. */
export const CAPTURABLE_FIELDS = ['name', 'company', 'email', 'phone', 'city', 'province', 'industry', 'description'] as const;

export interface CaptureSettings {
  isEnabled: boolean;
  /** The lead fields the form accepts; anything else is refused. `name` is always among them. */
  fields: string[];
  /** Sites (scheme://host[:port]) whose pages may post the form from a browser. */
  allowedOrigins: string[];
  /** A form sent faster than this after the page showed it is a robot's. */
  minFillSeconds: number;
  /** Submissions one IP address may send per hour. */
  maxPerHour: number;
}

export type RuleMethod = 'user' | 'roundRobin' | 'leastLoaded';

export interface AssignmentRule {
  id: string;
  name: string;
  isActive: boolean;
  /** The rule matches a lead in one of these provinces / regions (any when empty). */
  provinces: string[];
  /** …and of one of these industries (any when empty). */
  industries: string[];
  method: RuleMethod;
  /** `user`: who gets the lead. */
  userId?: string | null;
  /** `roundRobin` and `leastLoaded`: among whose active members. */
  teamId?: string | null;
}

export interface RoutingSettings {
  /** Who gets a lead no rule matches; nobody (the creator keeps it) when null. */
  defaultOwnerId: string | null;
  /** Also route leads people create without choosing an owner (web-to-lead leads always are). */
  isRoutingManualLeads: boolean;
  rules: AssignmentRule[];
}

export const defaultCapture: CaptureSettings = {
  isEnabled: false,
  fields: ['name', 'company', 'email', 'phone'],
  allowedOrigins: [],
  minFillSeconds: 3,
  maxPerHour: 20,
};

export const defaultRouting: RoutingSettings = { defaultOwnerId: null, isRoutingManualLeads: true, rules: [] };

const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const nullableUuid = { type: ['string', 'null'], format: 'uuid', maxLength: 36 };

export const captureSchema = {
  type: 'object',
  required: ['isEnabled', 'fields', 'allowedOrigins', 'minFillSeconds', 'maxPerHour'],
  additionalProperties: false,
  properties: {
    isEnabled: { type: 'boolean' },
    fields: { type: 'array', uniqueItems: true, maxItems: CAPTURABLE_FIELDS.length, items: { type: 'string', enum: [...CAPTURABLE_FIELDS] } },
    allowedOrigins: {
      type: 'array',
      uniqueItems: true,
      maxItems: 50,
      items: { type: 'string', maxLength: 200, pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' },
    },
    minFillSeconds: { type: 'integer', format: 'int32', minimum: 0, maximum: 600 },
    maxPerHour: { type: 'integer', format: 'int32', minimum: 1, maximum: 10000 },
  },
};

export const ruleSchema = {
  type: 'object',
  required: ['id', 'name', 'isActive', 'provinces', 'industries', 'method'],
  additionalProperties: false,
  properties: {
    id: uuid,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    isActive: { type: 'boolean' },
    provinces: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
    industries: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
    method: { type: 'string', enum: ['user', 'roundRobin', 'leastLoaded'] },
    userId: nullableUuid,
    teamId: nullableUuid,
  },
};

export const routingSchema = {
  type: 'object',
  required: ['defaultOwnerId', 'isRoutingManualLeads', 'rules'],
  additionalProperties: false,
  properties: {
    defaultOwnerId: nullableUuid,
    isRoutingManualLeads: { type: 'boolean' },
    rules: { type: 'array', maxItems: 100, items: ruleSchema },
  },
};

/** The lead score model as the API shows it: its AUC on held-out leads and its strongest weights. */
export interface ScoreSummary {
  model: null | {
    /** Null when too few leads were held out to judge. */
    auc: number | null;
    trainedAt: string;
    trainingCount: number;
    heldOutCount: number;
    weights: Array<{ feature: string; weight: number }>;
  };
}

/** A retraining's answer: the new summary and how many judged leads it learned from. */
export interface TrainingSummary extends ScoreSummary {
  judgedCount: number;
}
