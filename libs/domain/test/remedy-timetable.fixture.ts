/** A buyer's remedy timetable: plan due in 14 days; ladder at 0, 7, 21 and 35 days after a slip. */
export const remedyTimetable = {
  planDueWithinDays: 14,
  escalationAfterDays: {
    reminder: 0,
    escalated_to_compliance_officer: 7,
    supply_standstill: 21,
    termination_proposed: 35,
  },
} as const;
