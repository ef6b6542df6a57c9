/**
 * The demo school and its menu. Fixed ids keep them stable across restarts and
 * databases, so a suite may name them; the parent and student are found by email.
 */
export const DEMO_SCHOOL = {
  id: '48e59326-62ff-4421-968b-f4d432f8b14b',
  name: 'HASIVU Demo Public School',
} as const;

export const DEMO_STUDENT_NAME = 'Asha Demo';
/** The second parent's student: another family in the same school. */
export const SECOND_DEMO_STUDENT_NAME = 'Ravi Demo';

export interface DemoMenuItem {
  id: string;
  name: string;
  category: 'breakfast' | 'lunch' | 'snack' | 'beverage';
  priceMinor: number;
  allergens: string[];
}

export const DEMO_MENU: readonly DemoMenuItem[] = [
  {
    id: 'bde3df9c-bc7b-4608-b1d5-0f31c44efb72',
    name: 'Idli Sambar',
    category: 'breakfast',
    priceMinor: 4000,
    allergens: [],
  },
  {
    id: '179caa0f-c88c-4922-b0bb-ac07928e244e',
    name: 'Veg Pulao',
    category: 'lunch',
    priceMinor: 6500,
    allergens: ['nuts'],
  },
  {
    id: '06c4a9cf-e72b-446c-89bd-cf3067a4756d',
    name: 'Curd Rice',
    category: 'lunch',
    priceMinor: 5000,
    allergens: ['milk'],
  },
  {
    id: '68d69011-99d7-49f9-af08-55cafa9448a1',
    name: 'Fruit Bowl',
    category: 'snack',
    priceMinor: 3000,
    allergens: [],
  },
  {
    id: '628e7336-96e4-4ea7-9cd3-e36d11471a98',
    name: 'Masala Milk',
    category: 'beverage',
    priceMinor: 2500,
    allergens: ['milk'],
  },
];
