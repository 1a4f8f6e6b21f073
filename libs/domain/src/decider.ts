/**
 * The shape of every aggregate: pure functions over plain data, after Emmett's Decider.
 * No I/O, no clock, no id generation: time and ids arrive in the command's metadata.
 */
import type { DomainError } from './domain-error';
import type { BuyerCalendar } from './periods';

/** Who issued a command: a person in a role, or a workflow (role `workflow`). */
export interface CommandActor {
  readonly id: string;
  readonly role: string;
}

export interface CommandMetadata {
  /** Unique per command; event ids are derived from it, so a retried command appends nothing twice. */
  readonly commandId: string;
  /** ISO-8601 instant the command is decided at. Required: the domain never reads a clock. */
  readonly now: string;
  readonly actor: CommandActor;
  /** The buyer the command acts for. */
  readonly organisationId: string;
  /**
   * The buyer's jurisdiction, in which legal periods are counted (time zone, public holidays,
   * Regulation 1182/71). Like `now`, it comes with the command: the domain reads no configuration.
   */
  readonly calendar: BuyerCalendar;
}

export type Command<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;

export type Event<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** The member of a union of commands or events that has the given type, e.g. `OfType<FindingEvent, 'BreachConfirmed'>`. */
export type OfType<Union extends { readonly type: string }, Type extends Union['type']> = Extract<
  Union,
  { readonly type: Type }
>;

export interface Decider<State, C extends Command, E extends Event> {
  initialState(): State;
  /** Returns the events the command causes, or the rule it breaks. Never throws. */
  decide(command: C, state: State): readonly E[] | DomainError;
  evolve(state: State, event: E): State;
  /**
   * Who the events of a command are recorded as caused by, when that is not its actor (an
   * anonymous grievance names no person). Defaults to the command's actor.
   */
  recordedActor?(command: C): CommandActor;
}

/** Folds events into state; what an application does after reading a stream. */
export function fold<State, E extends Event>(
  decider: Pick<Decider<State, never, E>, 'initialState' | 'evolve'>,
  events: readonly E[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** Compile-time proof that a switch handled every case. */
export function assertNever(value: never): never {
  throw new TypeError(`unhandled case: ${JSON.stringify(value)}`);
}

/**
 * The one function a table holds for a type. A type the table lacks is a bug upstream (the input was
 * not validated), never a rule, so it throws as `assertNever` does; own keys only, so `toString` is no type.
 */
export function entryFor<Table extends object, Type extends keyof Table>(
  table: Table,
  type: Type,
  message: { readonly type: string },
): Table[Type] {
  if (!Object.prototype.hasOwnProperty.call(table, type))
    throw new TypeError(`unhandled case: ${JSON.stringify(message)}`);
  return table[type];
}
