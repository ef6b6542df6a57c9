/**
 * Example values in the pacts. The provider never has to know them: every id comes
 * back from a provider state (`fromProviderState`), so these only shape the mock
 * server's answers. The login pair is the reference platform's documented demo parent.
 */
export const EXAMPLE = {
  email: 'parent@demo.hasivu.test',
  password: 'demo-parent-password',
  userId: '5b1c7f0e-3a52-4d0c-9d57-0c8f5f3e9a11',
  schoolId: 'f7f1d5a2-2b7e-4c5b-8b55-3f0b6a0e4d21',
  studentId: '9a3e2c4d-6f1b-4e8a-b0c7-2d5f8e1a7b34',
  studentName: 'Asha Rao',
  menuDate: '2026-11-23',
  menuItemId: 'c2d4e6f8-1a3b-4c5d-8e7f-90a1b2c3d4e5',
  orderId: '3e8a1f2b-7c4d-4b6e-9f0a-1d2c3b4a5e6f',
  paidOrderId: '6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e',
  unknownOrderId: '00000000-0000-4000-8000-000000000404',
  accessToken: 'example-access-token-from-login',
} as const;
