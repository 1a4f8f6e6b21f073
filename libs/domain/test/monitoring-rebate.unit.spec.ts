import { monitoringRebate, rebateTiersProblem } from '../src';

// Madison: monitoring is funded by a rebate of 1% ($100,001–200,000), 1.5% ($200,001–300,000)
// and 2% (from $300,001) of the total volume bought under the contract. Amounts in cents.
describe('monitoring rebate tiers', () => {
  it.each([
    [100_000_00, 0, 0],
    [100_001_00, 100, 1_000_01],
    [200_000_00, 100, 2_000_00],
    [200_000_50, 100, 2_000_01],
    [200_001_00, 150, 3_000_02],
    [300_000_00, 150, 4_500_00],
    [300_001_00, 200, 6_000_02],
    [1_000_000_00, 200, 20_000_00],
  ])('a volume of %d cents earns %d basis points (%d cents)', (volume, rateBasisPoints, amountMinor) =>
    expect(monitoringRebate(volume)).toEqual({ rateBasisPoints, amountMinor }),
  );

  it('stays exact for volumes where a float product would round', () => {
    // 9 007 199 254 740 991 cents at 2%: the float product loses the last digits; BigInt does not.
    expect(monitoringRebate(Number.MAX_SAFE_INTEGER).amountMinor).toBe(180_143_985_094_820);
  });

  it('refuses tiers that fall or are not whole', () => {
    expect(
      rebateTiersProblem([
        { fromMinor: 10, rateBasisPoints: 100 },
        { fromMinor: 5, rateBasisPoints: 150 },
      ]),
    ).toMatch(/rise/);
    expect(rebateTiersProblem([{ fromMinor: 10.5, rateBasisPoints: 100 }])).toMatch(/whole/);
    expect(rebateTiersProblem([{ fromMinor: 10, rateBasisPoints: 100 }])).toBeUndefined();
  });
});
