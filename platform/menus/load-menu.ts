import type pg from 'pg';

export interface MenuItem {
  id: string;
  name: string;
  category: string;
  priceMinor: number;
  currency: string;
  available: boolean;
  allergens: string[];
}

export interface Menu {
  schoolId: string;
  date: string;
  items: MenuItem[];
}

/** A school without items still yields one row, all nulls, from the outer join. */
type MenuRow = Omit<MenuItem, 'id'> & { id: string | null };

/** The school's menu for a date, or undefined when the school does not exist. Every date serves the same items. */
export async function loadMenu(db: pg.Pool, schoolId: string, date: string): Promise<Menu | undefined> {
  const { rows } = await db.query<MenuRow>(
    `SELECT m.id, m.name, m.category, m.price_minor AS "priceMinor", m.currency, m.available, m.allergens
       FROM schools s LEFT JOIN menu_items m ON m.school_id = s.id
      WHERE s.id = $1
      ORDER BY m.category, m.name`,
    [schoolId],
  );
  if (rows.length === 0) return undefined;
  return { schoolId, date, items: rows.filter((row): row is MenuItem => row.id !== null) };
}
