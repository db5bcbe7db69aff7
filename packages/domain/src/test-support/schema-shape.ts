import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type pg from 'pg';

/**
 * One neutral description of a Postgres schema, built twice: from schema.prisma (what Prisma
 * would create) and from the catalogs of a migrated database (what our SQL did create).
 * The schema-drift test compares the two, so every property here is one that can drift.
 */
export type ColumnShape = { type: string; nullable: boolean; default: string | null };
export type IndexShape = { unique: boolean; method: string; columns: string[]; where: string | null };
export type ForeignKeyShape = { columns: string[]; references: string; onDelete: string; onUpdate: string };
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: Record<string, IndexShape>;
  foreignKeys: Record<string, ForeignKeyShape>;
};
export type SchemaShape = Record<string, TableShape>;

// The subset of Prisma's DMMF that this file reads.
type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; schema: string | null; fields: DmmfField[] };
type DmmfIndex = {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
};
type Datamodel = { models: DmmfModel[]; indexes: DmmfIndex[] };

/** Prisma's column type when a field has no `@db.` attribute. */
const DEFAULT_SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** `@db.X(args)` as Postgres's format_type() spells it; an optional precision is omitted when absent. */
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  Uuid: () => 'uuid',
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  BigInt: () => 'bigint',
  Boolean: () => 'boolean',
  JsonB: () => 'jsonb',
  Json: () => 'json',
  Date: () => 'date',
  DoublePrecision: () => 'double precision',
  Real: () => 'real',
  ByteA: () => 'bytea',
  VarChar: ([length]) => (length ? `character varying(${length})` : 'character varying'),
  Char: ([length]) => `character(${length ?? 1})`,
  Decimal: ([precision, scale]) => (precision ? `numeric(${precision},${scale ?? 0})` : 'numeric'),
  Timestamptz: ([precision]) => `timestamp${precision ? `(${precision})` : ''} with time zone`,
  Timestamp: ([precision]) => `timestamp${precision ? `(${precision})` : ''} without time zone`,
};

/** Prisma's names for referential actions, as Postgres stores them in pg_constraint. */
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};
const PG_REFERENTIAL_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

export function parsePrismaSchema(schema: string): Datamodel {
  try {
    return (JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as { datamodel: Datamodel }).datamodel;
  } catch (error) {
    // The engine reports validation errors as JSON with terminal colours; keep just the words.
    const raw = (error as Error).message;
    const message = raw.startsWith('{') ? (JSON.parse(raw) as { message: string }).message : raw;
    // eslint-disable-next-line no-control-regex -- strips the terminal colours Prisma prints
    throw new Error(`schema.prisma does not validate:\n${message.replace(/\u001b\[[0-9;]*m/g, '')}`);
  }
}

/** The database Prisma would create for this schema, with Prisma's default constraint names. */
export function expectedSchemaShape(schema: string): SchemaShape {
  const datamodel = parsePrismaSchema(schema);
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name}.${fieldName} is not a field`);
    return field.dbName ?? field.name;
  };
  const shape: SchemaShape = {};

  for (const model of datamodel.models) {
    if (model.schema) throw new Error(`${model.name}: multi-schema models are not modelled by this test`);
    const table = tableOf(model);
    const tableShape: TableShape = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
    for (const field of model.fields) {
      if (field.kind === 'scalar') {
        const type = columnType(model, field);
        tableShape.columns[field.dbName ?? field.name] = {
          type,
          nullable: !field.isRequired,
          default: columnDefault(model, field, type),
        };
      } else if (field.kind === 'object' && field.relationFromFields?.length) {
        const target = models.get(field.type);
        if (!target) throw new Error(`${model.name}.${field.name} relates to unknown model ${field.type}`);
        const columns = field.relationFromFields.map((name) => columnOf(model, name));
        const referenced = (field.relationToFields ?? []).map((name) => columnOf(target, name));
        // The DMMF does not carry `@relation(map:)`, so only Prisma's default name can be expected.
        tableShape.foreignKeys[`${table}_${columns.join('_')}_fkey`] = {
          columns,
          references: `${tableOf(target)}(${referenced.join(', ')})`,
          // Prisma's defaults: Restrict for a required relation, SetNull for an optional one, Cascade on update.
          onDelete: referentialAction(field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull')),
          onUpdate: referentialAction(field.relationOnUpdate ?? 'Cascade'),
        };
      } else if (field.kind !== 'object') {
        throw new Error(`${model.name}.${field.name}: ${field.kind} fields are not modelled by this test`);
      }
    }
    shape[table] = tableShape;
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model);
    if (!model) throw new Error(`index on unknown model ${index.model}`);
    const table = tableOf(model);
    const tableShape = shape[table]!;
    const columns = index.fields.map((field) => columnOf(model, field.name) + (field.sortOrder === 'desc' ? ' DESC' : ''));
    const plainColumns = index.fields.map((field) => columnOf(model, field.name));
    if (index.type === 'id') {
      tableShape.primaryKey = { name: index.dbName ?? `${table}_pkey`, columns };
    } else if (index.type === 'unique' || index.type === 'normal') {
      const unique = index.type === 'unique';
      const name = index.dbName ?? `${table}_${plainColumns.join('_')}_${unique ? 'key' : 'idx'}`;
      const method = (index.algorithm ?? 'BTree').toLowerCase();
      tableShape.indexes[name] = { unique, method, columns, where: null };
    } else {
      throw new Error(`${index.model}: ${index.type} indexes are not modelled by this test`);
    }
  }
  return shape;
}

function columnType(model: DmmfModel, field: DmmfField): string {
  let type: string | undefined;
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    type = NATIVE_TYPES[name]?.(args);
  } else {
    type = DEFAULT_SCALAR_TYPES[field.type];
  }
  if (!type) throw new Error(`${model.name}.${field.name}: no Postgres type known for ${JSON.stringify(field.nativeType ?? field.type)}`);
  return field.isList ? `${type}[]` : type;
}

/** A field's `@default` as pg_get_expr() prints the column default. */
function columnDefault(model: DmmfModel, field: DmmfField, type: string): string | null {
  const value = field.default;
  if (value === undefined || value === null) return null;
  // Postgres prints a literal cast to the bare type name: 'queued'::character varying.
  const cast = type.replace(/\(\d+(,\d+)?\)/, '');
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'::${cast}`;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return value < 0 ? `'${value}'::${cast}` : String(value);
  const { name, args } = value as { name: string; args: unknown[] };
  if (name === 'dbgenerated') return String(args[0]);
  if (name === 'now') return 'CURRENT_TIMESTAMP';
  if (name === 'autoincrement') return `nextval('${model.dbName ?? model.name}_${field.dbName ?? field.name}_seq'::regclass)`;
  // Filled in by Prisma Client, so the column itself has no default.
  if (['uuid', 'cuid', 'nanoid', 'ulid'].includes(name)) return null;
  throw new Error(`${model.name}.${field.name}: @default(${name}()) is not modelled by this test`);
}

function referentialAction(prismaAction: string): string {
  const action = REFERENTIAL_ACTIONS[prismaAction];
  if (!action) throw new Error(`unknown referential action ${prismaAction}`);
  return action;
}

/** Everything in the public schema except Prisma's own bookkeeping table. */
export async function readDatabaseShape(client: pg.Client): Promise<SchemaShape> {
  const scope = `n.nspname = 'public' AND t.relname <> '_prisma_migrations'`;
  const tables = await client.query<{ table: string }>(
    `SELECT t.relname AS table FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE t.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${scope}`,
  );
  const shape: SchemaShape = {};
  for (const { table } of tables.rows) shape[table] = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };

  const columns = await client.query<{ table: string; column: string; type: string; nullable: boolean; default: string | null }>(
    `SELECT t.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable,
            CASE WHEN a.attgenerated <> '' THEN 'GENERATED ' || pg_get_expr(d.adbin, d.adrelid)
                 WHEN a.attidentity <> '' THEN 'IDENTITY'
                 ELSE pg_get_expr(d.adbin, d.adrelid) END AS default
     FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attnum > 0 AND NOT a.attisdropped AND t.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${scope}`,
  );
  for (const row of columns.rows) {
    shape[row.table]!.columns[row.column] = { type: row.type, nullable: row.nullable, default: row.default };
  }

  // Expression and INCLUDE columns are spelled out so that they show up as drift, not vanish.
  const indexes = await client.query<{ table: string; name: string; primary: boolean } & IndexShape>(
    `SELECT t.relname AS table, i.relname AS name, x.indisprimary AS primary, x.indisunique AS unique,
            am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS where,
            ARRAY(SELECT CASE WHEN k.ord > x.indnkeyatts THEN 'INCLUDE ' ELSE '' END
                         || COALESCE(a.attname::text, pg_get_indexdef(x.indexrelid, k.ord::int, true))
                         || CASE WHEN x.indoption[(k.ord - 1)::int] & 1 = 1 THEN ' DESC' ELSE '' END
                  FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                  LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                  ORDER BY k.ord) AS columns
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
     WHERE ${scope}`,
  );
  for (const { table, name, primary, ...index } of indexes.rows) {
    if (primary) shape[table]!.primaryKey = { name, columns: index.columns };
    else shape[table]!.indexes[name] = index;
  }

  const foreignKeys = await client.query<{ table: string; name: string; columns: string[]; references: string; on_delete: string; on_update: string }>(
    `SELECT t.relname AS table, c.conname AS name,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            r.relname || '(' || array_to_string(ARRAY(
              SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord), ', ') || ')' AS references,
            c.confdeltype AS on_delete, c.confupdtype AS on_update
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype = 'f' AND ${scope}`,
  );
  for (const row of foreignKeys.rows) {
    shape[row.table]!.foreignKeys[row.name] = {
      columns: row.columns,
      references: row.references,
      onDelete: PG_REFERENTIAL_ACTIONS[row.on_delete] ?? row.on_delete,
      onUpdate: PG_REFERENTIAL_ACTIONS[row.on_update] ?? row.on_update,
    };
  }
  return shape;
}
