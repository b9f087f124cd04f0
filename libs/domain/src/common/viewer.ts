/** Who is asking. Anonymous callers have no key. */
export type Role = 'READER' | 'EDITOR' | 'ADMIN';

export interface Viewer {
  role: Role | 'ANONYMOUS';
  keyId?: string;
  keyName?: string;
}

export const ANONYMOUS: Viewer = { role: 'ANONYMOUS' };

/** Editors and admins see INTERNAL actions and confidential sources. */
export function seesConfidential(viewer: Viewer): boolean {
  return viewer.role === 'EDITOR' || viewer.role === 'ADMIN';
}

export function canWrite(viewer: Viewer): boolean {
  return viewer.role === 'EDITOR' || viewer.role === 'ADMIN';
}

/** Who made a change, as written to the edit history. */
export function actorName(viewer: Viewer): string {
  return viewer.keyName ? `${viewer.keyName} (${viewer.role})` : viewer.role;
}
