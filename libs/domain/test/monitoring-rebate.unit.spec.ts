import { monitoringRebate } from '../src';

// Madison: monitoring is funded by a rebate of 1% ($100,001–200,000), 1.5% ($200,001–300,000)
// and 2% (from $300,001) of the total volume bought under the contract.
describe('monitoring rebate tiers', () => {
  it.each([
    [100_000, 0, 0],
    [100_001, 1, 1_000.01],
    [200_000, 1, 2_000],
    [200_000.5, 1, 2_000.01],
    [200_001, 1.5, 3_000.02],
    [300_000, 1.5, 4_500],
    [300_001, 2, 6_000.02],
    [1_000_000, 2, 20_000],
  ])('a volume of $%d earns %d%% ($%d)', (volume, ratePercent, amount) =>
    expect(monitoringRebate(volume)).toEqual({ ratePercent, amount }),
  );
});
