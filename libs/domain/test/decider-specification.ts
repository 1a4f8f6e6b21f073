import type { Command, Decider, Event } from '../src/decider';
import { DomainError } from '../src/domain-error';

// given(events).when(command).then(events) | .thenFails(code), after Emmett's DeciderSpecification.

export function DeciderSpecification<S, C extends Command, E extends Event>(decider: Decider<S, C, E>) {
  return {
    given(history: readonly E[]) {
      const state = history.reduce(decider.evolve, decider.initialState());
      return {
        when(command: C) {
          // decide must return, never throw: calling it outside expect() makes a throw fail the test.
          const result = decider.decide(command, state);
          return {
            then(expected: readonly E[]): void {
              if (result instanceof DomainError)
                throw new Error(`expected events, got ${result.code}: ${result.message}`);
              expect(result).toEqual(expected);
            },
            /** For events whose exact data is long: check with a function instead. */
            thenEmits(check: (events: readonly E[], stateAfter: S) => void): void {
              if (result instanceof DomainError)
                throw new Error(`expected events, got ${result.code}: ${result.message}`);
              check(result, result.reduce(decider.evolve, state));
            },
            thenFails(code: string, check?: (error: DomainError) => void): void {
              expect(result).toBeInstanceOf(DomainError);
              const error = result as DomainError;
              expect(error.code).toBe(code);
              expect(error.message.length).toBeGreaterThan(0);
              check?.(error);
            },
          };
        },
      };
    },
  };
}

/** Runs commands one after another and returns every event; a refused command fails the test. */
export function history<S, C extends Command, E extends Event>(decider: Decider<S, C, E>, commands: readonly C[]): E[] {
  let state = decider.initialState();
  const events: E[] = [];
  for (const command of commands) {
    const result = decider.decide(command, state);
    if (result instanceof DomainError) throw new Error(`${command.type} refused: ${result.code}: ${result.message}`);
    events.push(...result);
    state = result.reduce(decider.evolve, state);
  }
  return events;
}
