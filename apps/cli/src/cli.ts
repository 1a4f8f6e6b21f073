import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import {
  causationChain,
  diffBetween,
  EventIndex,
  exportCase,
  loadAuditKeys,
  OCID_PREFIX_PATTERN,
  ocdsDefaults,
  provenanceOf,
  replayStore,
  resolveStreamId,
  sealChainHeads,
  stateAt,
  verifyStore,
  verifyStream,
  type PointInTime,
  type Verification,
} from '@pj/audit';
import { loadConfig } from '@pj/config';
import { ID_RULE, isId } from '@pj/domain';
import { openBlobStore, openEventStore, SqlEventStore, type BlobStore, type EventStore } from '@pj/event-store';
import { openReadModelDatabase } from '@pj/projections';
import { ROLES, type Role } from '../../api/src/auth/roles';
import { projectionRegistry } from './projections';

/** Exit codes: distinct, and documented in --help. */
export const EXIT = { ok: 0, verificationFailed: 1, usage: 2, error: 3 } as const;

export class UsageError extends Error {}

/** The stream a reference names; one that names none (a case id without its organisation) is bad usage. */
function streamOf(reference: string): string {
  try {
    return resolveStreamId(reference);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Whether to draw progress bars (stderr is a terminal). */
  readonly interactive: boolean;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  interactive: Boolean(process.stderr.isTTY),
};

const json = (value: unknown) =>
  `${JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item), 2)}\n`;

function revisionArg(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a revision (0 or more)');
  return n;
}

function instantArg(value: string): string {
  if (Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('must be an ISO-8601 instant, e.g. 2026-03-01T00:00:00Z');
  return value;
}

function ocidPrefixArg(value: string): string {
  if (!OCID_PREFIX_PATTERN.test(value))
    throw new InvalidArgumentError(
      'must be a registered ocid prefix: "ocds-" and 6 lower-case letters or digits, e.g. ocds-213czf',
    );
  return value;
}

function uriArg(value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new InvalidArgumentError('must be an absolute http(s) URI');
  return value;
}

/** An id of the one id format (libs/domain `ID_PATTERN`), as the API checks it. */
function idArg(value: string): string {
  if (!isId(value)) throw new InvalidArgumentError(ID_RULE);
  return value;
}

function idListArg(value: string): string[] {
  const ids = value.split(',');
  if (!ids.every(isId)) throw new InvalidArgumentError(`must be ids separated by commas; each ${ID_RULE}`);
  return ids;
}

/** `12` is a revision, anything else an ISO-8601 instant. */
function pointArg(value: string): PointInTime {
  return /^\d+$/.test(value) ? { revision: Number(value) } : { at: instantArg(value) };
}

async function withStore<T>(io: CliIo, work: (store: EventStore) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const store = await openEventStore(config.eventStore);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The store and the blob store documents' content is kept in (BLOB_STORE), as the engine opens them. */
async function withStoreAndBlobs<T>(io: CliIo, work: (store: EventStore, blobs: BlobStore) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  return withStore(io, async (store) => {
    const readModels = await openReadModelDatabase(store, config.databaseUrl);
    const blobs = await openBlobStore(config.documents.blobStore, readModels.db);
    try {
      return await work(store, blobs);
    } finally {
      await blobs.close();
      await readModels.close();
    }
  });
}

/** A progress bar on stderr for long work; a no-op when stderr is not a terminal or output is JSON. */
async function withProgress<T>(
  io: CliIo,
  label: string,
  total: number | undefined,
  work: (tick: (done: number) => void) => Promise<T>,
): Promise<T> {
  if (!io.interactive) return work(() => undefined);
  const bar = new SingleBar(
    {
      format: total
        ? `${label} [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left`
        : `${label} {value} events`,
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  bar.start(total ?? 0, 0);
  try {
    return await work((done) => bar.update(done, total ? {} : { total: done }));
  } finally {
    bar.stop();
  }
}

/** The number of events, where the adapter can count them cheaply (SQL); for the progress bar only. */
async function countEvents(store: EventStore): Promise<number | undefined> {
  if (!(store instanceof SqlEventStore)) return undefined;
  const [row] = await store.driver.query<{ count: string }>('SELECT count(*)::text AS count FROM pj_events');
  return Number(row.count);
}

function printVerification(io: CliIo, result: Verification, scope: string): void {
  io.stdout(
    `${result.ok ? 'OK' : 'TAMPERING DETECTED'}: ${scope}: ${result.eventsChecked} events in ${result.streamsChecked} streams checked\n`,
  );
  for (const head of result.headsChecked)
    io.stdout(
      `  chain head of ${head.organisationId} sealed ${head.sealedAt} (key ${head.keyId}, ${head.streams} streams): checked\n`,
    );
  if (result.headsChecked.length === 0) io.stdout('  no signed chain head to check against (run `verify --seal`)\n');
  for (const issue of result.issues)
    io.stdout(
      `  ${issue.kind.padEnd(24)} ${issue.streamId}${issue.revision === undefined ? '' : ` @ revision ${issue.revision}`}: ${issue.detail}\n`,
    );
}

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('procurement-journey')
    .description(
      'Auditor toolkit of Procurement Journey: replay cases to any moment, verify the hash chain, export history.\n' +
        'The store is chosen as for the engine: EVENT_STORE=pglite|postgres|eventstoredb (with DATABASE_URL or\n' +
        'EVENTSTORE_CONNECTION_STRING); chain heads are signed with AUDIT_SIGNING_KEY (Ed25519) and checked with\n' +
        'AUDIT_VERIFY_KEY. See docs/audit.md.',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 verification failed (tampering detected), 2 bad usage, 3 other error (e.g. store unreachable).\n' +
        'Ids belong to their organisation: a case is named case:<organisation>/<id> (or just <organisation>/<id>),\n' +
        'another aggregate aggregate:<organisation>/<id> (finding:scc/f-1; the shared registry factory:<id>), or by its stream id.',
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('verify')
    .description('verify the hash chain of one stream, or of the whole store and its signed chain heads')
    .argument(
      '[case]',
      'case:<organisation>/<id>, aggregate:<organisation>/<id> or a stream id; omit for the whole store',
    )
    .option('--seal', 'after a successful whole-store verification, write a signed chain head per organisation')
    .option('--json', 'machine-readable output')
    .action(async (reference: string | undefined, options: { seal?: boolean; json?: boolean }) => {
      if (options.seal && reference) throw new UsageError('--seal verifies and seals the whole store: give no case');
      const keys = loadAuditKeys(io.env);
      await withStoreAndBlobs(io, async (store, blobs) => {
        if (reference) {
          const streamId = streamOf(reference);
          const result = await verifyStream(store, streamId, { keys, blobs });
          if (options.json) io.stdout(json({ scope: streamId, ...result }));
          else printVerification(io, result, streamId);
          setExit(result.ok ? EXIT.ok : EXIT.verificationFailed);
          return;
        }
        const total = options.json ? undefined : await countEvents(store);
        const result = await withProgress(io, 'verify', total, (tick) =>
          options.seal
            ? sealChainHeads(store, { keys, blobs, onProgress: tick })
            : verifyStore(store, { keys, blobs, onProgress: tick }).then((verification) => ({
                verification,
                sealed: [],
              })),
        );
        if (options.json) io.stdout(json({ scope: 'store', ...result.verification, sealed: result.sealed }));
        else {
          printVerification(io, result.verification, 'whole store');
          if (keys.development) io.stdout('  (development signing key: heads prove nothing; set AUDIT_SIGNING_KEY)\n');
          for (const { head, digest } of result.sealed)
            io.stdout(
              `  sealed ${head.organisationId}: ${head.streams.length} streams, digest ${digest} (publish it outside the store)\n`,
            );
        }
        setExit(result.verification.ok ? EXIT.ok : EXIT.verificationFailed);
      });
    });

  program
    .command('replay')
    .description(
      "rebuild a case's state at a revision or instant, diff two points, list who caused each event, or replay the whole store",
    )
    .argument(
      '[case]',
      'case:<organisation>/<id>, aggregate:<organisation>/<id> or a stream id; omit (or --all) to replay every stream',
    )
    .option('--all', 'replay every stream of the store through its decider')
    .addOption(new Option('--revision <n>', 'state after this revision').argParser(revisionArg))
    .addOption(new Option('--at <instant>', 'state as it was at this ISO-8601 instant').argParser(instantArg))
    .addOption(
      new Option('--diff <from>', 'what changed from this point (revision or instant) to --to').argParser(pointArg),
    )
    .addOption(new Option('--to <point>', 'end point of --diff (default: now)').argParser(pointArg))
    .option('--history', 'every event with who caused it (actor, role) and through which command')
    .option(
      '--why <event>',
      'follow the causation chain from this event (event id or revision) back to what started it',
    )
    .option('--json', 'machine-readable output')
    .action(
      async (
        reference: string | undefined,
        options: {
          all?: boolean;
          revision?: number;
          at?: string;
          diff?: PointInTime;
          to?: PointInTime;
          history?: boolean;
          why?: string;
          json?: boolean;
        },
      ) => {
        if (!reference && !options.all) throw new UsageError('give a case, or --all to replay the whole store');
        if (reference && options.all) throw new UsageError('give a case or --all, not both');
        if (options.to && !options.diff) throw new UsageError('--to needs --diff');
        await withStore(io, async (store) => {
          if (options.all) {
            const total = options.json ? undefined : await countEvents(store);
            const started = Date.now();
            const result = await withProgress(io, 'replay', total, (tick) => replayStore(store, { onProgress: tick }));
            const seconds = (Date.now() - started) / 1000;
            if (options.json) io.stdout(json({ ...result, seconds }));
            else
              io.stdout(
                `replayed ${result.events} events of ${result.streams} streams in ${seconds.toFixed(1)} s` +
                  `${result.unknownStreams ? ` (${result.unknownStreams} streams of no aggregate skipped)` : ''}; ${result.failures.length} failures\n` +
                  result.failures.map((f) => `  ${f.streamId} @ revision ${f.revision}: ${f.error}\n`).join(''),
              );
            setExit(result.failures.length === 0 ? EXIT.ok : EXIT.error);
            return;
          }
          const streamId = streamOf(reference!);
          const why = options.why;
          if (why !== undefined) {
            const history = await store.readStream(streamId);
            const start = /^\d+$/.test(why)
              ? history.find((e) => e.revision === Number(why))
              : history.find((e) => e.metadata.eventId === why.toLowerCase());
            if (!start) throw new UsageError(`no event ${why} in ${streamId}`);
            const index = await EventIndex.fromStore(store);
            const chain = causationChain(index, start);
            if (options.json) io.stdout(json(chain));
            else
              chain.forEach((step, i) =>
                io.stdout(
                  `${'  '.repeat(i)}${i === 0 ? '' : '← caused by '}${step.provenance.type} (${step.provenance.streamId} @ ${step.provenance.revision}, ` +
                    `${step.provenance.recordedAt}) by ${step.provenance.actor.id} [${step.provenance.actor.role}] via command ${step.provenance.commandId}\n`,
                ),
              );
            return;
          }
          if (options.history) {
            const provenance = (await store.readStream(streamId)).map(provenanceOf);
            if (options.json) io.stdout(json(provenance));
            else
              for (const p of provenance)
                io.stdout(
                  `${String(p.revision).padStart(4)} ${p.recordedAt} ${p.type.padEnd(32)} ${p.actorKind} ${p.actor.id} [${p.actor.role}] command ${p.commandId}\n`,
                );
            return;
          }
          if (options.diff) {
            const to: PointInTime = options.to ?? { revision: options.revision, at: options.at };
            const difference = await diffBetween(store, streamId, options.diff, to);
            if (options.json) io.stdout(json(difference));
            else {
              io.stdout(
                `${streamId}: revision ${difference.from.revision} → ${difference.to.revision}, ${difference.changes.length} changes\n`,
              );
              for (const change of difference.changes)
                io.stdout(
                  `  ${change.type.padEnd(7)} ${change.path.join('.')}` +
                    `${'oldValue' in change ? ` ${JSON.stringify(change.oldValue)}` : ''}${'value' in change ? ` → ${JSON.stringify(change.value)}` : ''}\n`,
                );
            }
            return;
          }
          const result = await stateAt(store, streamId, { revision: options.revision, at: options.at });
          if (result.revision < 0 && (await store.readStream(streamId, { maxCount: 1 })).length === 0)
            throw new UsageError(`no stream ${streamId}`);
          if (options.json) io.stdout(json(result));
          else
            io.stdout(
              `${streamId} (${result.aggregate}) at revision ${result.revision}${result.recordedAt ? `, ${result.recordedAt}` : ''}:\n${json(result.state)}`,
            );
        });
      },
    );

  program
    .command('export')
    .description("export a case's full history as JSON Lines, or its OCDS 1.1 release or record package")
    .argument('<case>', 'case:<organisation>/<id>, aggregate:<organisation>/<id> or a stream id')
    .addOption(
      new Option('--format <format>', 'what to write')
        .choices(['jsonl', 'ocds-releases', 'ocds-record'])
        .default('jsonl'),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(
      new Option(
        '--ocid-prefix <prefix>',
        'your registered OCDS ocid prefix (ocds- and 6 lower-case letters or digits)',
      )
        .default(ocdsDefaults.ocidPrefix)
        .argParser(ocidPrefixArg),
    )
    .addOption(
      new Option('--base-uri <uri>', 'where the packages are published (package and policy URIs derive from it)')
        .default(ocdsDefaults.baseUri)
        .argParser(uriArg),
    )
    .option('--publisher <name>', 'OCDS publisher name', ocdsDefaults.publisherName)
    .option('--publisher-scheme <scheme>', "the publisher uid's identifier scheme (org-id.guide), e.g. SE-BLV")
    .option('--publisher-uid <uid>', "the publisher's identifier in that scheme")
    .addOption(new Option('--publisher-uri <uri>', "the publisher's web address").argParser(uriArg))
    .addOption(new Option('--license <uri>', 'the licence of the data').default(ocdsDefaults.license).argParser(uriArg))
    .addOption(
      new Option(
        '--publication-policy <uri>',
        'your publication policy (default: <base-uri>/publication-policy)',
      ).argParser(uriArg),
    )
    .addOption(
      new Option(
        '--extensions-base-uri <uri>',
        'read the declared OCDS extensions from <uri>/<name>/extension.json (a copy of libs/audit/ocds-extensions) instead of their published URLs',
      ).argParser(uriArg),
    )
    .option('--versioned', 'ocds-record: add the versioned release (the history of every field)')
    .action(
      async (
        reference: string,
        options: {
          format: string;
          out?: string;
          ocidPrefix: string;
          baseUri: string;
          publisher: string;
          publisherScheme?: string;
          publisherUid?: string;
          publisherUri?: string;
          license: string;
          publicationPolicy?: string;
          extensionsBaseUri?: string;
          versioned?: boolean;
        },
      ) => {
        if (options.versioned && options.format !== 'ocds-record')
          throw new UsageError('--versioned needs --format ocds-record');
        if (Boolean(options.publisherScheme) !== Boolean(options.publisherUid))
          throw new UsageError('--publisher-scheme and --publisher-uid go together');
        await withStore(io, async (store) => {
          const streamId = streamOf(reference);
          const exported = await exportCase(store, streamId, {
            ocidPrefix: options.ocidPrefix,
            baseUri: options.baseUri,
            publisher: {
              name: options.publisher,
              scheme: options.publisherScheme,
              uid: options.publisherUid,
              uri: options.publisherUri,
            },
            license: options.license,
            publicationPolicy: options.publicationPolicy,
            extensionsBaseUri: options.extensionsBaseUri,
            versionedRelease: options.versioned,
          });
          if (exported.events.length === 0) throw new UsageError(`no stream ${streamId}`);
          if (options.format !== 'jsonl' && options.ocidPrefix === ocdsDefaults.ocidPrefix)
            io.stderr(
              `note: ${ocdsDefaults.ocidPrefix} is not a registered ocid prefix; publish with --ocid-prefix <yours>\n`,
            );
          const text =
            options.format === 'jsonl'
              ? exported.jsonLines
              : json(options.format === 'ocds-releases' ? exported.releasePackage : exported.recordPackage);
          if (options.out) {
            writeFileSync(options.out, text);
            io.stderr(`wrote ${exported.events.length} events of ${streamId} as ${options.format} to ${options.out}\n`);
          } else io.stdout(text);
        });
      },
    );

  program
    .command('rebuild-projections')
    .description('rebuild read models from the event log')
    .argument('[name]', 'one projection; omit for all')
    .option('--json', 'machine-readable output')
    .action(async (name: string | undefined, options: { json?: boolean }) => {
      const registered = projectionRegistry.list();
      if (registered.length === 0) {
        const message = 'There are no projections to rebuild yet: none is registered. Nothing was changed.';
        io.stdout(options.json ? json({ rebuilt: [], message }) : `${message}\n`);
        return;
      }
      const selected = name ? registered.filter((p) => p.name === name) : registered;
      if (selected.length === 0)
        throw new UsageError(`no projection named ${name}; known: ${registered.map((p) => p.name).join(', ')}`);
      await withStore(io, async (store) => {
        const rebuilt: {
          name: string;
          events: number;
          parked: { streamId: string; revision: number; error: string }[];
        }[] = [];
        for (const projection of selected) {
          const { events, parked } = await withProgress(io, projection.name, undefined, (tick) =>
            projection.rebuild(store, tick),
          );
          rebuilt.push({
            name: projection.name,
            events,
            parked: parked.map(({ streamId, revision, error }) => ({ streamId, revision, error })),
          });
        }
        // Parked events were tried again; those that still fail stay parked and are named here.
        io.stdout(
          options.json
            ? json({ rebuilt })
            : rebuilt
                .map(
                  (r) =>
                    `rebuilt ${r.name} from ${r.events} events\n` +
                    r.parked.map((p) => `  parked ${p.streamId} @ revision ${p.revision}: ${p.error}\n`).join(''),
                )
                .join(''),
        );
      });
    });

  program
    .command('mail')
    .description(
      'the mails `npm start` caught in development (no SMTP_URL: a local SMTP sink keeps them under $DATA_DIR/mail);\n' +
        'the newest last, or one whole mail by its number',
    )
    .argument('[number]', 'show this mail whole (1 is the oldest)')
    .option('--json', 'machine-readable output')
    .action(async (number: string | undefined, options: { json?: boolean }) => {
      const { readCaughtMail } = await import('@pj/notifications');
      const dir = join(loadConfig(io.env).dataDir, 'mail');
      const mails = readCaughtMail(dir);
      if (number !== undefined) {
        const mail = mails[Number(number) - 1];
        if (!mail) throw new UsageError(`no mail ${number}: ${mails.length} caught in ${dir}`);
        io.stdout(
          options.json
            ? json(mail)
            : `From: ${mail.from}\nTo: ${mail.to.join(', ')}\nDate: ${mail.receivedAt}\nSubject: ${mail.subject}\n` +
                `Idempotency-Key: ${mail.headers['idempotency-key'] ?? ''}\n\n${mail.text}\n`,
        );
        return;
      }
      if (options.json) {
        io.stdout(json(mails.map(({ file: _file, text: _text, headers: _headers, ...mail }) => mail)));
        return;
      }
      if (mails.length === 0) {
        io.stdout(`no mail caught yet in ${dir}\n`);
        return;
      }
      io.stdout(
        mails
          .map(
            (mail, index) =>
              `${String(index + 1).padStart(3)}  ${mail.receivedAt}  ${mail.to.join(', ')}  ${mail.subject}\n`,
          )
          .join(''),
      );
    });

  program
    .command('tokens')
    .description(
      'print development bearer tokens (JWT, signed with JWT_SECRET, valid 30 days): one per role, or with --role\n' +
        'one token for exactly the caller described (printed alone, for TOKEN=$(…))',
    )
    .argument('[organisation]', 'the buyer organisation (the same as --organisation, kept for scripts)', idArg)
    .addOption(new Option('--role <role>', 'one token, for this role').choices(ROLES))
    .addOption(
      new Option(
        '--organisation <id>',
        'the buyer organisation the tokens act for (default stockholm-county-council)',
      ).argParser(idArg),
    )
    .addOption(
      new Option(
        '--supplier <id>',
        'the supplier a supplier token answers for (needed with --role supplier; else dev-supplier)',
      ).argParser(idArg),
    )
    .addOption(
      new Option('--factories <ids>', "a monitor token's assigned factories, comma-separated (default none)").argParser(
        idListArg,
      ),
    )
    .option('--json', 'machine-readable output')
    .action(
      async (
        positional: string | undefined,
        options: { role?: Role; organisation?: string; supplier?: string; factories?: string[]; json?: boolean },
      ) => {
        if (positional !== undefined && options.organisation !== undefined)
          throw new UsageError('give the organisation once: as --organisation');
        const { role, supplier, factories } = options;
        // The API refuses a supplier token without its supplier, and a claim of the wrong role
        // would be ignored: neither is printed.
        if (supplier !== undefined && role !== undefined && role !== 'supplier')
          throw new UsageError('--supplier names the supplier of a supplier token: use it with --role supplier');
        if (factories !== undefined && role !== undefined && role !== 'monitor')
          throw new UsageError("--factories names a monitor's factories: use it with --role monitor");
        if (role === 'supplier' && supplier === undefined)
          throw new UsageError('--role supplier needs --supplier <id>: the supplier the token answers for');
        const claims = { supplierId: supplier, factories };
        // Loaded here: NestJS's JWT service is only needed by this verb.
        const { DEVELOPMENT_ORGANISATION, developmentToken, developmentTokens } =
          await import('../../api/src/auth/development-tokens');
        const organisation = options.organisation ?? positional ?? DEVELOPMENT_ORGANISATION;
        const secret = loadConfig(io.env).jwtSecret;
        if (secret === undefined)
          throw new UsageError('production accepts no development tokens: sign in through the identity provider');
        if (role) {
          const token = developmentToken(secret, role, organisation, claims);
          io.stdout(
            options.json
              ? json({
                  organisation,
                  role,
                  ...(role === 'supplier' ? { supplierId: supplier } : {}),
                  ...(role === 'monitor' ? { factories: factories ?? [] } : {}),
                  token,
                })
              : `${token}\n`,
          );
          return;
        }
        const tokens = developmentTokens(secret, organisation, claims);
        if (options.json) {
          io.stdout(json({ organisation, tokens }));
          return;
        }
        io.stdout(`Development tokens for organisation "${organisation}" (valid 30 days):\n\n`);
        for (const [each, token] of Object.entries(tokens)) io.stdout(`${each.padEnd(20)} ${token}\n\n`);
        io.stdout('Use: curl -H "Authorization: Bearer <token>" http://127.0.0.1:3000/api/cases/<caseId>\n');
      },
    );

  program
    .command('import-risk-list')
    .description(
      "import an edition of the buyer's risk list from a CSV file through the API (POST /api/risk-lists/<list>/imports),\n" +
        'as the caller of --token (contract manager or compliance officer); a bad row is reported by row and column',
    )
    .argument('<list>', 'the list id, e.g. us-dol', idArg)
    .argument('<file>', 'the CSV file: cpv_code,category,synonyms,country,level,harm')
    .requiredOption('--source <text>', 'who publishes the list')
    .requiredOption('--published-on <date>', 'the date the source published this edition (YYYY-MM-DD)')
    .requiredOption('--token <jwt>', 'bearer token of the caller')
    .option('--api <url>', 'the engine', 'http://127.0.0.1:3000')
    .action(
      async (
        list: string,
        file: string,
        options: { source: string; publishedOn: string; token: string; api: string },
      ) => {
        const csv = readFileSync(file, 'utf8');
        const response = await fetch(`${options.api}/api/risk-lists/${encodeURIComponent(list)}/imports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ source: options.source, publishedOn: options.publishedOn, csv }),
        });
        const body = (await response.json()) as { revision?: number; detail?: string; title?: string };
        if (!response.ok) {
          io.stderr(`refused (${response.status}): ${body.detail ?? body.title ?? 'no detail'}\n`);
          setExit(response.status === 400 ? EXIT.usage : EXIT.error);
          return;
        }
        io.stdout(`imported ${list} version ${(body.revision ?? 0) + 1}\n`);
      },
    );

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (exit) => (code = exit));
  try {
    await program.parseAsync(argv as string[]);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof InvalidArgumentError) {
      io.stderr(`error: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`error: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.error;
  }
}
