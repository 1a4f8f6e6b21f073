import { Body, Controller, Inject, Optional, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandAccepted } from '../commands/command-accepted';
import { CommandContext, type CommandRequest } from '../commands/command-context';
import { CommandEndpoint } from '../commands/command-endpoint';
import { AdoptPolicyDto } from './adopt-policy.dto';
import { BUYER_TENDER_DEFAULTS, type BuyerTenderDefaults } from './buyer-tender-defaults';
import { PublishTenderDto } from './publish-tender.dto';

/** Stage 1, demand compliance: the buyer's policy and the tender's requirements. */
@ApiTags('policy and tender')
@Controller('cases/:caseId')
export class PolicyAndTenderController {
  constructor(
    private readonly commands: CommandBus,
    @Optional() @Inject(BUYER_TENDER_DEFAULTS) private readonly defaults?: BuyerTenderDefaults,
  ) {}

  @CommandEndpoint('policy', ['contract_manager'], 'Adopt the policy and code of conduct (AdoptPolicy)')
  adoptPolicy(
    @Param('caseId') caseId: string,
    @Body() body: AdoptPolicyDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    return this.commands.execute(request.onCase(caseId, 'AdoptPolicy', body));
  }

  @CommandEndpoint('tender', ['contract_manager'], 'Publish the tender requirements (PublishTenderRequirements)')
  publishTender(
    @Param('caseId') caseId: string,
    @Body() body: PublishTenderDto,
    @CommandContext() request: CommandRequest,
  ): Promise<CommandAccepted> {
    // A tender without its own abnormally-low threshold publishes its buyer's, so bidders know it.
    const buyerPercent = this.defaults?.abnormallyLowPricePercentByBuyer?.[request.caller.organisationId];
    const abnormallyLowPrice =
      body.abnormallyLowPrice ?? (buyerPercent !== undefined ? { percentBelowMeanOfOthers: buyerPercent } : undefined);
    return this.commands.execute(
      request.onCase(caseId, 'PublishTenderRequirements', {
        ...body,
        ...(abnormallyLowPrice ? { abnormallyLowPrice } : {}),
      }),
    );
  }
}
