/** Thrown by a precondition that cannot be met here; the check becomes `skip` with this reason. */
export class Unmet extends Error {
  override name = 'Unmet';
}

/**
 * No second identity was given: a sentence about another user's resource cannot be proved
 * (a random id proves only "unknown"). Counts against coverage, as a warning.
 */
export class NoSecondIdentity extends Unmet {
  override name = 'NoSecondIdentity';
}
