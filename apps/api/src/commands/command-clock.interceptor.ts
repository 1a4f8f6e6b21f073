import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { buyerCalendarOf, type BuyerCalendars } from '@pj/config';
import type { BuyerCalendar } from '@pj/domain';
import type { Observable } from 'rxjs';
import type { Caller } from '../auth/roles';
import { BUYER_CALENDARS, CLOCK } from '../infrastructure/tokens';

/** When a request's commands are decided, and in which buyer's calendar their periods count. */
export interface CommandSetting {
  readonly now: string;
  readonly calendar: BuyerCalendar;
}

/**
 * Stamps each authenticated request with the engine's clock and the caller's buyer calendar, read
 * once, so every command the request builds has the same instant and calendar (the parameter
 * decorator that builds commands cannot inject them itself; it runs after interceptors).
 */
@Injectable()
export class CommandClockInterceptor implements NestInterceptor {
  constructor(
    @Inject(BUYER_CALENDARS) private readonly calendars: BuyerCalendars,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<{ caller?: Caller; commandSetting?: CommandSetting }>();
      if (request.caller)
        request.commandSetting = {
          now: this.clock().toISOString(),
          calendar: buyerCalendarOf(this.calendars, request.caller.organisationId),
        };
    }
    return next.handle();
  }
}
