/** The web app's languages; a person's own (`locale` claim, or the contact's) picks one, else English. */
export const LOCALES = ['en', 'es', 'zh-Hans'] as const;
export type Locale = (typeof LOCALES)[number];

interface Words {
  readonly subject: string;
  readonly body: string;
}

/**
 * What each notification says, per language. `{name}` is filled from the event's values; a value
 * the event lacks is left empty. Translators edit only this table; `templates.unit.spec.ts` checks
 * that every rule's key has every language and that each translation fills the same values.
 */
export const templates: Readonly<Record<string, Readonly<Record<Locale, Words>>>> = {
  'questionnaire.issued': {
    en: {
      subject: 'Questionnaire {questionnaireId} is due by {deadline}',
      body: 'Your buyer issued questionnaire {questionnaireId} for contract year {contractYear} of case {caseId}. Answer it by {deadline}.',
    },
    es: {
      subject: 'El cuestionario {questionnaireId} vence el {deadline}',
      body: 'Su comprador emitió el cuestionario {questionnaireId} para el año {contractYear} del contrato del expediente {caseId}. Respóndalo antes del {deadline}.',
    },
    'zh-Hans': {
      subject: '问卷 {questionnaireId} 须于 {deadline} 前提交',
      body: '采购方为案件 {caseId} 合同第 {contractYear} 年发出了问卷 {questionnaireId}。请于 {deadline} 前作答。',
    },
  },
  'questionnaire.reminder': {
    en: {
      subject: 'Reminder {reminderNumber}: questionnaire {questionnaireId} is due by {deadline}',
      body: 'Questionnaire {questionnaireId} of case {caseId} is still unanswered. It is due by {deadline}.',
    },
    es: {
      subject: 'Recordatorio {reminderNumber}: el cuestionario {questionnaireId} vence el {deadline}',
      body: 'El cuestionario {questionnaireId} del expediente {caseId} sigue sin respuesta. Vence el {deadline}.',
    },
    'zh-Hans': {
      subject: '第 {reminderNumber} 次提醒：问卷 {questionnaireId} 须于 {deadline} 前提交',
      body: '案件 {caseId} 的问卷 {questionnaireId} 尚未作答，截止日期为 {deadline}。',
    },
  },
  'questionnaire.silence_escalated': {
    en: {
      subject: 'Supplier {supplierId} did not answer questionnaire {questionnaireId}',
      body: 'After {remindersSent} reminders, supplier {supplierId} has not answered questionnaire {questionnaireId} of case {caseId} (due {deadline}). Decide what follows.',
    },
    es: {
      subject: 'El proveedor {supplierId} no respondió el cuestionario {questionnaireId}',
      body: 'Tras {remindersSent} recordatorios, el proveedor {supplierId} no ha respondido el cuestionario {questionnaireId} del expediente {caseId} (vencía el {deadline}). Decida cómo seguir.',
    },
    'zh-Hans': {
      subject: '供应商 {supplierId} 未回复问卷 {questionnaireId}',
      body: '经 {remindersSent} 次提醒，供应商 {supplierId} 仍未回复案件 {caseId} 的问卷 {questionnaireId}（截止 {deadline}）。请决定后续措施。',
    },
  },
  'compliance_plans.due': {
    en: {
      subject: 'Compliance plans are due by {dueBy} for case {caseId}',
      body: 'Contract {contractId} of case {caseId}: submit a compliance plan for each factory above {annualPurchaseThreshold} in annual purchases by {dueBy}.',
    },
    es: {
      subject: 'Los planes de cumplimiento vencen el {dueBy} para el expediente {caseId}',
      body: 'Contrato {contractId} del expediente {caseId}: presente un plan de cumplimiento para cada fábrica con compras anuales superiores a {annualPurchaseThreshold} antes del {dueBy}.',
    },
    'zh-Hans': {
      subject: '案件 {caseId} 的合规计划须于 {dueBy} 前提交',
      body: '案件 {caseId} 的合同 {contractId}：年采购额超过 {annualPurchaseThreshold} 的每家工厂均须于 {dueBy} 前提交合规计划。',
    },
  },
  'compliance_plans.overdue': {
    en: {
      subject: 'Compliance plans are overdue for case {caseId}',
      body: 'Contract year {contractYear} of case {caseId} began with compliance plans still missing.',
    },
    es: {
      subject: 'Los planes de cumplimiento del expediente {caseId} están vencidos',
      body: 'El año {contractYear} del contrato del expediente {caseId} comenzó sin todos los planes de cumplimiento.',
    },
    'zh-Hans': {
      subject: '案件 {caseId} 的合规计划已逾期',
      body: '案件 {caseId} 合同第 {contractYear} 年开始时仍缺少合规计划。',
    },
  },
  'plan.requested': {
    en: {
      subject: 'A corrective action plan for breach {findingId} is due by {dueBy}',
      body: 'Your buyer confirmed breach {findingId} and asks for a corrective action plan by {dueBy}.',
    },
    es: {
      subject: 'Se requiere un plan de acción correctiva para el incumplimiento {findingId} antes del {dueBy}',
      body: 'Su comprador confirmó el incumplimiento {findingId} y solicita un plan de acción correctiva antes del {dueBy}.',
    },
    'zh-Hans': {
      subject: '违规 {findingId} 的纠正措施计划须于 {dueBy} 前提交',
      body: '采购方已确认违规 {findingId}，要求于 {dueBy} 前提交纠正措施计划。',
    },
  },
  'plan.overdue': {
    en: {
      subject: 'The corrective action plan for breach {findingId} is overdue',
      body: 'The plan for breach {findingId} was due by {dueBy} and has not been submitted.',
    },
    es: {
      subject: 'El plan de acción correctiva del incumplimiento {findingId} está vencido',
      body: 'El plan para el incumplimiento {findingId} vencía el {dueBy} y no se ha presentado.',
    },
    'zh-Hans': {
      subject: '违规 {findingId} 的纠正措施计划已逾期',
      body: '违规 {findingId} 的计划应于 {dueBy} 前提交，但尚未提交。',
    },
  },
  'plan.deadline_missed': {
    en: {
      subject: 'Plan {planId} for breach {findingId} missed its deadline',
      body: 'Corrective action plan {planId} for breach {findingId} was to be carried out by {deadline}.',
    },
    es: {
      subject: 'El plan {planId} del incumplimiento {findingId} no cumplió su plazo',
      body: 'El plan de acción correctiva {planId} del incumplimiento {findingId} debía ejecutarse antes del {deadline}.',
    },
    'zh-Hans': {
      subject: '违规 {findingId} 的计划 {planId} 已错过期限',
      body: '违规 {findingId} 的纠正措施计划 {planId} 应于 {deadline} 前完成。',
    },
  },
  'plan.submitted': {
    en: {
      subject: 'Decision waiting: plan {planId} for breach {findingId}',
      body: 'The contractor submitted corrective action plan {planId} for breach {findingId}. Approve it or ask for another.',
    },
    es: {
      subject: 'Decisión pendiente: plan {planId} del incumplimiento {findingId}',
      body: 'El contratista presentó el plan de acción correctiva {planId} para el incumplimiento {findingId}. Apruébelo o pida otro.',
    },
    'zh-Hans': {
      subject: '待决定：违规 {findingId} 的计划 {planId}',
      body: '承包商已提交违规 {findingId} 的纠正措施计划 {planId}。请批准或要求重新提交。',
    },
  },
  'plan.approved': {
    en: {
      subject: 'Plan {planId} for breach {findingId} is approved',
      body: 'Corrective action plan {planId} for breach {findingId} is agreed; it runs until {deadline}.',
    },
    es: {
      subject: 'El plan {planId} del incumplimiento {findingId} está aprobado',
      body: 'El plan de acción correctiva {planId} del incumplimiento {findingId} está acordado; vence el {deadline}.',
    },
    'zh-Hans': {
      subject: '违规 {findingId} 的计划 {planId} 已批准',
      body: '违规 {findingId} 的纠正措施计划 {planId} 已获同意，期限至 {deadline}。',
    },
  },
  'ladder.reminder': {
    en: {
      subject: 'Reminder: breach {findingId} is behind its deadline',
      body: 'Breach {findingId} of case {caseId}: {note}',
    },
    es: {
      subject: 'Recordatorio: el incumplimiento {findingId} va con retraso',
      body: 'Incumplimiento {findingId} del expediente {caseId}: {note}',
    },
    'zh-Hans': { subject: '提醒：违规 {findingId} 已逾期', body: '案件 {caseId} 的违规 {findingId}：{note}' },
  },
  'ladder.escalated_to_compliance_officer': {
    en: {
      subject: 'Breach {findingId} is escalated to you',
      body: 'Breach {findingId} of case {caseId} was escalated to the compliance officers: {note}',
    },
    es: {
      subject: 'El incumplimiento {findingId} se le ha escalado',
      body: 'El incumplimiento {findingId} del expediente {caseId} se escaló a los responsables de cumplimiento: {note}',
    },
    'zh-Hans': {
      subject: '违规 {findingId} 已上报给您',
      body: '案件 {caseId} 的违规 {findingId} 已上报合规专员：{note}',
    },
  },
  'ladder.supply_standstill': {
    en: {
      subject: 'Breach {findingId}: a supply standstill is the next step',
      body: 'Breach {findingId} of case {caseId} reached the supply standstill step: {note}',
    },
    es: {
      subject: 'Incumplimiento {findingId}: el siguiente paso es suspender el suministro',
      body: 'El incumplimiento {findingId} del expediente {caseId} llegó al paso de suspensión del suministro: {note}',
    },
    'zh-Hans': {
      subject: '违规 {findingId}：下一步为暂停供货',
      body: '案件 {caseId} 的违规 {findingId} 已到暂停供货阶段：{note}',
    },
  },
  'ladder.termination_proposed': {
    en: {
      subject: 'Decision waiting: termination proposed for breach {findingId}',
      body: 'The escalation ladder for breach {findingId} of case {caseId} is exhausted and termination is proposed: {note}. A compliance officer decides.',
    },
    es: {
      subject: 'Decisión pendiente: se propone rescindir por el incumplimiento {findingId}',
      body: 'La escalada del incumplimiento {findingId} del expediente {caseId} se agotó y se propone la rescisión: {note}. Decide un responsable de cumplimiento.',
    },
    'zh-Hans': {
      subject: '待决定：因违规 {findingId} 建议终止合同',
      body: '案件 {caseId} 的违规 {findingId} 升级程序已用尽，建议终止合同：{note}。由合规专员决定。',
    },
  },
  'standstill.proposed': {
    en: {
      subject: 'Decision waiting: supply standstill proposed for breach {findingId}',
      body: 'A supply standstill is proposed for breach {findingId}: {reasons}. Impose it or decline it.',
    },
    es: {
      subject: 'Decisión pendiente: se propone suspender el suministro por el incumplimiento {findingId}',
      body: 'Se propone suspender el suministro por el incumplimiento {findingId}: {reasons}. Impóngala o rechácela.',
    },
    'zh-Hans': {
      subject: '待决定：因违规 {findingId} 建议暂停供货',
      body: '因违规 {findingId} 建议暂停供货：{reasons}。请决定实施或拒绝。',
    },
  },
  'standstill.proposal_reminder': {
    en: {
      subject: 'Reminder: the supply standstill for breach {findingId} awaits your decision',
      body: 'The supply standstill proposed on {proposedAt} for breach {findingId} is still waiting for a decision.',
    },
    es: {
      subject: 'Recordatorio: la suspensión del suministro por el incumplimiento {findingId} espera su decisión',
      body: 'La suspensión propuesta el {proposedAt} por el incumplimiento {findingId} sigue esperando una decisión.',
    },
    'zh-Hans': {
      subject: '提醒：违规 {findingId} 的暂停供货建议待您决定',
      body: '{proposedAt} 针对违规 {findingId} 提出的暂停供货建议仍待决定。',
    },
  },
  'standstill.imposed': {
    en: {
      subject: 'Supply standstill {standstillId} imposed at factory {factoryId}',
      body: 'Sourcing from factory {factoryId} stops until its breaches are remedied: {reasons}',
    },
    es: {
      subject: 'Suspensión del suministro {standstillId} impuesta en la fábrica {factoryId}',
      body: 'El abastecimiento desde la fábrica {factoryId} se detiene hasta que se reparen sus incumplimientos: {reasons}',
    },
    'zh-Hans': {
      subject: '已对工厂 {factoryId} 实施暂停供货 {standstillId}',
      body: '在违规得到纠正之前，停止从工厂 {factoryId} 采购：{reasons}',
    },
  },
  'standstill.lifted': {
    en: {
      subject: 'Supply standstill {standstillId} at factory {factoryId} is lifted',
      body: 'Sourcing from factory {factoryId} may resume: {reasons}',
    },
    es: {
      subject: 'Se levanta la suspensión del suministro {standstillId} en la fábrica {factoryId}',
      body: 'Puede reanudarse el abastecimiento desde la fábrica {factoryId}: {reasons}',
    },
    'zh-Hans': {
      subject: '工厂 {factoryId} 的暂停供货 {standstillId} 已解除',
      body: '可恢复从工厂 {factoryId} 采购：{reasons}',
    },
  },
  'legal_standstill.began': {
    en: {
      subject: 'Case {caseId}: award decided, standstill until {standstillEndsAt}',
      body: 'The award of case {caseId} to supplier {supplierId} was notified; the contract may be signed after the standstill ends on {standstillEndsAt}.',
    },
    es: {
      subject: 'Expediente {caseId}: adjudicación decidida, plazo suspensivo hasta el {standstillEndsAt}',
      body: 'Se notificó la adjudicación del expediente {caseId} al proveedor {supplierId}; el contrato puede firmarse cuando termine el plazo suspensivo el {standstillEndsAt}.',
    },
    'zh-Hans': {
      subject: '案件 {caseId}：已决定授标，停顿期至 {standstillEndsAt}',
      body: '案件 {caseId} 已通知授予供应商 {supplierId}；停顿期于 {standstillEndsAt} 结束后方可签约。',
    },
  },
  'legal_standstill.ended': {
    en: {
      subject: 'Case {caseId}: the standstill has ended',
      body: 'The standstill of award {awardId} in case {caseId} ended; the contract may be signed.',
    },
    es: {
      subject: 'Expediente {caseId}: terminó el plazo suspensivo',
      body: 'Terminó el plazo suspensivo de la adjudicación {awardId} del expediente {caseId}; puede firmarse el contrato.',
    },
    'zh-Hans': {
      subject: '案件 {caseId}：停顿期已结束',
      body: '案件 {caseId} 授标 {awardId} 的停顿期已结束，可以签约。',
    },
  },
  'grievance.submitted': {
    en: {
      subject: 'New {severity} grievance {grievanceId} at factory {factoryId}',
      body: 'A grievance was received at factory {factoryId}. Acknowledge the worker by {acknowledgeBy}.',
    },
    es: {
      subject: 'Nueva queja {grievanceId} ({severity}) en la fábrica {factoryId}',
      body: 'Se recibió una queja en la fábrica {factoryId}. Acuse recibo al trabajador antes del {acknowledgeBy}.',
    },
    'zh-Hans': {
      subject: '工厂 {factoryId} 新的 {severity} 申诉 {grievanceId}',
      body: '工厂 {factoryId} 收到一项申诉。请于 {acknowledgeBy} 前向工人确认收悉。',
    },
  },
  'grievance.acknowledgement_overdue': {
    en: {
      subject: 'Grievance {grievanceId} was not acknowledged by {acknowledgeBy}',
      body: 'The worker behind grievance {grievanceId} is still waiting to be acknowledged.',
    },
    es: {
      subject: 'La queja {grievanceId} no recibió acuse antes del {acknowledgeBy}',
      body: 'El trabajador de la queja {grievanceId} sigue esperando el acuse de recibo.',
    },
    'zh-Hans': {
      subject: '申诉 {grievanceId} 未在 {acknowledgeBy} 前确认',
      body: '提出申诉 {grievanceId} 的工人仍在等待确认。',
    },
  },
  'grievance.escalated': {
    en: {
      subject: 'Grievance {grievanceId} is escalated to you',
      body: 'Grievance {grievanceId} ({severity}) was escalated: {reason}.',
    },
    es: {
      subject: 'La queja {grievanceId} se le ha escalado',
      body: 'La queja {grievanceId} ({severity}) fue escalada: {reason}.',
    },
    'zh-Hans': { subject: '申诉 {grievanceId} 已上报给您', body: '申诉 {grievanceId}（{severity}）已上报：{reason}。' },
  },
  'grievance.closed': {
    en: { subject: 'Grievance {grievanceId} is closed', body: 'Grievance {grievanceId} was closed: {outcome}.' },
    es: { subject: 'La queja {grievanceId} está cerrada', body: 'La queja {grievanceId} se cerró: {outcome}.' },
    'zh-Hans': { subject: '申诉 {grievanceId} 已结案', body: '申诉 {grievanceId} 已结案：{outcome}。' },
  },
  digest: {
    en: { subject: '{count} notifications from Procurement Journey', body: 'What happened since your last digest:' },
    es: { subject: '{count} avisos de Procurement Journey', body: 'Lo ocurrido desde su último resumen:' },
    'zh-Hans': { subject: 'Procurement Journey 的 {count} 条通知', body: '自上次摘要以来的动态：' },
  },
};

export const localeOf = (wanted: string | null | undefined): Locale =>
  LOCALES.find((locale) => locale.toLowerCase() === wanted?.toLowerCase()) ??
  LOCALES.find((locale) => wanted?.toLowerCase().startsWith(locale.slice(0, 2).toLowerCase())) ??
  'en';

const fill = (text: string, values: Readonly<Record<string, string | number>>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));

/** The words of a notification in a language (English when the key lacks it). */
export function render(template: string, locale: Locale, values: Readonly<Record<string, string | number>>): Words {
  const words = templates[template]?.[locale] ?? templates[template]?.en;
  if (!words) throw new Error(`no notification template ${template}`);
  return { subject: fill(words.subject, values), body: fill(words.body, values) };
}
