/** Every key the platform writes starts with this, so a reset can find them and nothing else. */
export const KEY_PREFIX = 'hasivu:';

export const menuKey = (schoolId: string, date: string): string => `${KEY_PREFIX}menu:${schoolId}:${date}`;

export const idempotencyLockKey = (userId: string, key: string): string => `${KEY_PREFIX}idem-lock:${userId}:${key}`;
