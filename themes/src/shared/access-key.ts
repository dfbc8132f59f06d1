/**
 * An access key as the account and admin endpoints show it; `key` (the secret) only in the answer that
 * creates or regenerates it.
 */
export type AccessKey = {
  id: string;
  description: string;
  created_at: string;
  expires_at: string | null;
  last_used_at?: string;
  last_used_ip?: string;
  scopes: string[];
  /** The legacy format of an imported key (tuleap, secret); absent for a key this realm minted. */
  format?: string;
  state: "active" | "expired";
  key?: string;
};
