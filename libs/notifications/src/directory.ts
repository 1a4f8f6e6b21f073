import type { SqlQueryable } from '@pj/event-store';
import type { Audience } from './rules';
import { localeOf, type Locale } from './templates';

/** Someone known from an authenticated request: the token's claims, as the API's caller carries them. */
export interface Person {
  readonly organisationId: string;
  readonly personId: string;
  readonly role: string;
  readonly name?: string;
  readonly email?: string;
  readonly locale?: string;
  readonly supplierId?: string;
}

/**
 * Records a person the first time they are seen, and again only when a claim changed (the
 * `WHERE … IS DISTINCT FROM` leaves an unchanged row untouched). A token without name, e-mail or
 * locale says nothing about them: what an earlier token said is kept.
 */
export async function recordPerson(db: SqlQueryable, person: Person): Promise<void> {
  await db.query(
    `INSERT INTO pj_people (organisation_id, person_id, role, name, email, locale, supplier_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (organisation_id, person_id) DO UPDATE
       SET role = EXCLUDED.role, name = COALESCE(EXCLUDED.name, pj_people.name),
           email = COALESCE(EXCLUDED.email, pj_people.email), locale = COALESCE(EXCLUDED.locale, pj_people.locale),
           supplier_id = EXCLUDED.supplier_id, updated_at = now()
     WHERE (pj_people.role, pj_people.supplier_id) IS DISTINCT FROM (EXCLUDED.role, EXCLUDED.supplier_id)
        OR (COALESCE(EXCLUDED.name, pj_people.name), COALESCE(EXCLUDED.email, pj_people.email),
            COALESCE(EXCLUDED.locale, pj_people.locale))
           IS DISTINCT FROM (pj_people.name, pj_people.email, pj_people.locale)`,
    [
      person.organisationId,
      person.personId,
      person.role,
      person.name ?? null,
      person.email ?? null,
      person.locale ?? null,
      person.supplierId ?? null,
    ],
  );
}

/** A person at a supplier the buyer writes to (no account: told by mail only). */
export interface SupplierContact {
  readonly organisationId: string;
  readonly supplierId: string;
  readonly contactId: string;
  readonly name: string;
  readonly email: string;
  readonly locale: Locale;
  readonly addedBy: string;
}

/** Adds or replaces a contact; answers whether it was new. */
export async function keepSupplierContact(db: SqlQueryable, contact: SupplierContact): Promise<boolean> {
  const [row] = await db.query<{ inserted: boolean }>(
    `INSERT INTO pj_supplier_contacts (organisation_id, supplier_id, contact_id, name, email, locale, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (organisation_id, supplier_id, contact_id) DO UPDATE
       SET name = EXCLUDED.name, email = EXCLUDED.email, locale = EXCLUDED.locale, added_by = EXCLUDED.added_by
     RETURNING (xmax = 0) AS inserted`,
    [
      contact.organisationId,
      contact.supplierId,
      contact.contactId,
      contact.name,
      contact.email,
      contact.locale,
      contact.addedBy,
    ],
  );
  return Boolean(row?.inserted);
}

/** Someone a notification reaches: a person with an account (inbox and mail) or a supplier contact (mail). */
export interface Recipient {
  /** The person's `sub`, or `contact:<supplier>/<contact>`. */
  readonly recipientId: string;
  readonly hasAccount: boolean;
  readonly email?: string;
  readonly locale: Locale;
}

/** The people of `organisationId` an audience names, each once. */
export async function recipientsOf(
  db: SqlQueryable,
  organisationId: string,
  audience: readonly Audience[],
  supplierId: string | undefined,
): Promise<Recipient[]> {
  const roles = audience.filter((who) => who !== 'supplier');
  const people = await db.query<{ person_id: string; email: string | null; locale: string | null }>(
    `SELECT person_id, email, locale FROM pj_people
      WHERE organisation_id = $1 AND (role = ANY($2::text[]) OR (role = 'supplier' AND supplier_id = $3))
      ORDER BY person_id`,
    [organisationId, roles, audience.includes('supplier') ? (supplierId ?? null) : null],
  );
  const contacts =
    audience.includes('supplier') && supplierId
      ? await db.query<{ contact_id: string; email: string; locale: string }>(
          `SELECT contact_id, email, locale FROM pj_supplier_contacts
            WHERE organisation_id = $1 AND supplier_id = $2 ORDER BY contact_id`,
          [organisationId, supplierId],
        )
      : [];
  return [
    ...people.map((row) => ({
      recipientId: row.person_id,
      hasAccount: true,
      ...(row.email ? { email: row.email } : {}),
      locale: localeOf(row.locale),
    })),
    ...contacts.map((row) => ({
      recipientId: `contact:${supplierId}/${row.contact_id}`,
      hasAccount: false,
      email: row.email,
      locale: localeOf(row.locale),
    })),
  ];
}
