const KEY = Symbol.for("mednexus.collab-control");

export interface CollabControl {
  /** Re-checks the open editor connections of this person on this document now; those without access close (4403). */
  recheck(documentName: string, userId: string): Promise<void>;
}

type GlobalWithControl = typeof globalThis & { [KEY]?: CollabControl };

/** The server registers the embedded collab-server here; in split mode the periodic re-check applies instead. */
export function setCollabControl(control: CollabControl | undefined) {
  (globalThis as GlobalWithControl)[KEY] = control;
}

export function getCollabControl(): CollabControl | undefined {
  return (globalThis as GlobalWithControl)[KEY];
}
