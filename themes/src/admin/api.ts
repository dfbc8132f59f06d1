import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import { useCallback } from "react";

import { joinPath } from "../environment";
import type { AccessKey } from "../shared/access-key";
import { environment } from "./environment";

/** The server's own reason (error_description), the setting it names, and the status. */
export class AdminApiError extends Error {
  constructor(message: string, readonly status: number, readonly field?: string) {
    super(message);
  }
}

/**
 * Calls the extension's admin endpoints of a realm (/admin/realms/{realm}/legacy-auth/...) with the
 * signed-in admin's token, as Keycloak's own admin client does.
 */
export function useLegacyAuthApi(realm: string) {
  const { adminClient } = useAdminClient();
  return useCallback(
    async <T,>(path: string, init: RequestInit = {}): Promise<T> => {
      const token = await adminClient.getAccessToken();
      const response = await fetch(
        joinPath(environment.adminBaseUrl, "admin/realms", encodeURIComponent(realm), "legacy-auth", path),
        {
          ...init,
          headers: {
            ...(init.body ? { "content-type": "application/json" } : {}),
            accept: "application/json",
            authorization: `Bearer ${token}`,
          },
        },
      );
      if (!response.ok) {
        let reason = `HTTP ${response.status}`;
        let field: string | undefined;
        try {
          const body = await response.json();
          reason = body.error_description || body.errorMessage || body.error || reason;
          field = body.field;
        } catch {
          // not JSON: keep the status
        }
        throw new AdminApiError(reason, response.status, field);
      }
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    [adminClient, realm],
  );
}


export type { AccessKey };

export type FoundKey = { user_id: string; username: string; key: AccessKey };

export type AppToken = { id: string; description: string; created_at: string; token?: string };

export type SettingsField = { name: string; label: string; help?: string; type: string; default?: string };
export type SettingsGroup = { label: string; toggle?: string; fields: SettingsField[] };
export type SettingsPage = { settings: Record<string, string | string[] | null>; groups: SettingsGroup[] };

/** A date and time in the admin's language. */
export function formatInstant(instant: string | null | undefined, locale: string, never: string): string {
  return instant ? new Date(instant).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" }) : never;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
