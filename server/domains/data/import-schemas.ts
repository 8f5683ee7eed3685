// JSON Schemas of the import routes: what they take, and what they answer (for the OpenAPI document).
import { importEncodings, importDelimiters } from './import-file.ts';
import { importSettingsSchema } from './import-settings.ts';

const tags = ['Data'];
const text = (maxLength: number) => ({ type: 'string', maxLength });
const uuid = { type: 'string', format: 'uuid', maxLength: 36 };
const count = { type: 'integer', format: 'int32', minimum: 0, maximum: 1e9 };
const timestamp = { type: ['string', 'null'], format: 'date-time', maxLength: 40 };
const label = { type: 'object', properties: { en: text(100), 'zh-CN': text(100) } };
const counts = { type: 'object', properties: { created: count, updated: count, unchanged: count, skipped: count, failed: count } };
const cells = { type: 'array', maxItems: 500, items: text(100_000) };

const importView = {
  type: 'object',
  properties: {
    id: uuid,
    object: text(63),
    status: { type: 'string', enum: ['uploaded', 'queued', 'running', 'completed', 'failed', 'undoing', 'undone'] },
    fileName: text(1000),
    size: count,
    source: {
      type: 'object',
      properties: {
        format: { type: 'string', enum: ['csv', 'xlsx', 'vcf'] },
        encoding: { type: 'string', enum: importEncodings },
        delimiter: { type: 'string', enum: importDelimiters },
        header: cells,
        sample: { type: 'array', maxItems: 5, items: cells },
      },
    },
    settings: { ...importSettingsSchema, required: undefined },
    totalRows: count,
    processedRows: count,
    counts,
    failure: { type: ['string', 'null'], maxLength: 200 },
    undoConflicts: {
      type: ['array', 'null'],
      maxItems: 1e6,
      items: { type: 'object', properties: { rowNumber: count, recordId: uuid, reason: { type: 'string', enum: ['changed', 'gone'] } } },
    },
    fields: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        properties: {
          name: text(63),
          type: text(20),
          label,
          isRequired: { type: 'boolean' },
          options: { type: 'array', maxItems: 500, items: { type: 'object', properties: { value: text(100), label } } },
        },
      },
    },
    matchKeys: { type: 'array', maxItems: 100, items: { type: 'array', maxItems: 3, items: text(63) } },
    createdAt: timestamp,
    finishedAt: timestamp,
    undoneAt: timestamp,
    contentRemovedAt: { ...timestamp, description: 'When the clean-up removed the uploaded file (the error file is then gone; undo still works)' },
  },
};

const idParams = { type: 'object', required: ['id'], properties: { id: uuid } };
const objectParams = { type: 'object', required: ['object'], properties: { object: text(63) } };
const localeQuery = { type: 'object', additionalProperties: false, properties: { locale: { type: 'string', enum: ['en', 'zh-CN'] } } };

export const uploadSchema = {
  tags,
  summary: 'Upload a CSV or XLSX file to import into an object',
  description:
    'The file is the body (any Content-Type), its name in `?filename=`. The answer says how it reads (format, encoding: UTF-8, UTF-8 with BOM or GB18030; delimiter), ' +
    'its header and first rows, the fields it may fill and a suggested mapping. Nothing is written to records yet. Needs the `import` permission.',
  params: objectParams,
  querystring: { type: 'object', required: ['filename'], additionalProperties: false, properties: { filename: { type: 'string', minLength: 1, maxLength: 255 } } },
  response: { 201: importView },
};

export const listSchema = {
  tags,
  summary: 'Your recent imports',
  querystring: { type: 'object', additionalProperties: false, properties: { object: text(63) } },
  response: { 200: { type: 'object', properties: { data: { type: 'array', maxItems: 50, items: importView } } } },
};

export const getSchema = { tags, summary: 'An import: settings and progress', params: idParams, response: { 200: importView } };

export const changeSchema = {
  tags,
  summary: 'Change how an import reads its file or maps its columns',
  description: 'Only before it runs. `source` re-reads a CSV with another encoding or delimiter; `settings` are the mapping, value transforms and matching.',
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      source: {
        type: 'object',
        additionalProperties: false,
        required: ['encoding', 'delimiter'],
        properties: { encoding: { type: 'string', enum: importEncodings }, delimiter: { type: 'string', enum: importDelimiters } },
      },
      settings: importSettingsSchema,
    },
  },
  response: { 200: importView },
};

const dryRunResult = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['running', 'done', 'failed'], description: '`running` while a job checks a large file; poll `GET /imports/{id}/dry-run`' },
    checkedRows: count,
    totalRows: count,
    failure: { type: ['string', 'null'], maxLength: 200 },
    counts,
    unknownOptions: {
      type: 'object',
      description: 'Per pick-list field, the values of the file that match no option (map them in `settings.optionMap`)',
      maxProperties: 500,
      additionalProperties: { type: 'array', maxItems: 100, items: text(1000) },
    },
    problems: {
      type: 'array',
      maxItems: 1000,
      items: { type: 'object', properties: { rowNumber: count, outcome: text(20), fields: { type: 'array', maxItems: 500, items: text(63) }, message: text(100_000) } },
    },
  },
};

export const dryRunSchema = {
  tags,
  summary: 'Dry run: validate every row without writing',
  description:
    'Every row is matched, validated and written in a transaction that is rolled back: the planned creates, updates, unchanged and skipped rows, and each failing row with its reason (the first 1,000). ' +
    'A file of up to 2,000 rows is checked at once (200, `status: done`); a larger one by a background job (202, `status: running`): follow it with `GET /imports/{id}/dry-run`.',
  params: idParams,
  querystring: localeQuery,
  response: { 200: dryRunResult, 202: dryRunResult },
};

export const getDryRunSchema = {
  tags,
  summary: "The import's last dry run: progress, then what it found",
  description: 'Changing the mapping or how the file is read discards it (404 until the next dry run).',
  params: idParams,
  querystring: localeQuery,
  response: { 200: dryRunResult },
};

export const runSchema = {
  tags,
  summary: 'Run an import in the background',
  description: 'Commits the rows in batches, each with a checkpoint: after a crash the run resumes where it stopped, without duplicates. Follow it with `GET /imports/{id}`.',
  params: idParams,
  response: { 202: importView },
};

export const errorsSchema = {
  tags,
  summary: 'The failed and skipped rows as CSV, with a reason column',
  description: 'In the encoding and delimiter of the uploaded file (CSV with a BOM for a workbook). 410 once the clean-up removed the upload (30 days after the import finished).',
  params: idParams,
  querystring: localeQuery,
};

export const undoSchema = {
  tags,
  summary: 'Undo an import in the background',
  description:
    'Records it created go to the recycle bin; records it updated get their previous values back. A record changed since the import is left alone and listed in `undoConflicts`. ' +
    'The import is `undoing` until the job is done, then `undone`; follow it with `GET /imports/{id}`.',
  params: idParams,
  response: { 202: importView },
};

const mapping = {
  type: 'object',
  properties: { id: uuid, object: text(63), name: text(100), settings: { ...importSettingsSchema, required: undefined }, createdBy: uuid, createdAt: timestamp },
};

export const listMappingsSchema = {
  tags,
  summary: 'Saved import mappings of an object',
  description: 'A new upload whose header has every column title of a saved mapping takes the newest such mapping instead of a suggested one.',
  params: objectParams,
  response: { 200: { type: 'object', properties: { data: { type: 'array', maxItems: 200, items: mapping } } } },
};

export const saveMappingSchema = {
  tags,
  summary: 'Save an import mapping for files of the same shape',
  params: objectParams,
  body: { type: 'object', additionalProperties: false, required: ['name', 'settings'], properties: { name: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' }, settings: importSettingsSchema } },
  response: { 201: mapping },
};

export const deleteMappingSchema = { tags, summary: 'Delete a saved import mapping', params: idParams, response: { 204: { type: 'null', description: 'Deleted' } } };

const preset = {
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 63 },
    object: { type: 'string', maxLength: 63 },
    name: label,
    signature: { type: 'array', maxItems: 50, items: text(200) },
    columns: { type: 'object', additionalProperties: text(63) },
  },
};

export const listPresetsSchema = {
  tags,
  summary: 'Ready-made import mappings of an object',
  description:
    'Mappings for the files other systems export (Google Contacts, Outlook, Salesforce, HubSpot) and for vCard files. ' +
    'A new upload whose header has every `signature` column of one (and matches no saved mapping) takes it; several columns mapped to one text field are joined by a space.',
  params: objectParams,
  response: { 200: { type: 'object', properties: { data: { type: 'array', maxItems: 50, items: preset } } } },
};
