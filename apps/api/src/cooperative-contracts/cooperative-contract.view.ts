import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/**
 * A cooperative contract as the caller may see it: the lead sees every agency, order, rebate and
 * payment; an admitted agency its own status and orders and the factories under standstill.
 */
export class CooperativeContractView {
  @ApiProperty({ example: 'city-of-madison' }) leadOrganisationId!: string;
  @ApiProperty({ example: 'uniforms-2026' }) caseId!: string;
  @ApiProperty({ example: 'mad-uniforms-2026' }) contractId!: string;
  @ApiProperty({ example: 'uniforms-inc' }) supplierId!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: usd(2_500_000) }) compliancePlanThreshold!: { amountMinor: number; currency: string };
  @ApiProperty({ example: [{ fromMinor: 10_000_100, rateBasisPoints: 100 }] })
  rebateTiers!: readonly { fromMinor: number; rateBasisPoints: number }[];
  @ApiProperty({ example: [{ organisationId: 'dane-county', status: 'admitted' }] })
  agencies!: { organisationId: string; status: string }[];
  @ApiProperty({
    example: [
      {
        caseId: 'uniforms-2026',
        orderId: 'po-1',
        factoryId: 'f-dhaka-1',
        amount: usd(1_500_000),
        agencyOrganisationId: 'dane-county',
        contractYear: 1,
        placedBy: 'dane-cm',
        placedAt: '2026-04-01T15:00:00.000Z',
      },
    ],
  })
  orders!: readonly object[];
  @ApiProperty({ example: ['f-dhaka-2'] }) factoriesUnderStandstill!: string[];
  @ApiProperty({ example: [{ factoryId: 'f-dhaka-1', contractYear: 1, annualVolume: usd(2_500_000) }] })
  thresholdsCrossed!: readonly object[];
  @ApiProperty({ example: [{ contractYear: 1, rateBasisPoints: 150, amount: usd(315_000) }] })
  rebates!: readonly object[];
  @ApiProperty({ example: [{ paymentId: 'wrc-1', amount: usd(300_000), payee: 'worker-rights-consortium' }] })
  monitoringPayments!: readonly object[];
  @ApiPropertyOptional({ example: usd(15_000), description: 'The lead only' })
  fundBalance?: { amountMinor: number; currency: string };
}
