import {
  AdminClientProvider,
  AppContexts,
  ForbiddenSection,
  Header,
  PageBreadCrumbs,
  useAccess,
} from "@keycloak/keycloak-admin-ui";
import { Page, Spinner } from "@patternfly/react-core";
import { Suspense, type ReactNode } from "react";
import { Outlet, useMatches } from "react-router-dom";

import { PageNav } from "./PageNav";

type Access = Parameters<ReturnType<typeof useAccess>["hasAccess"]>[0];

/** The pages an admin may not open show Keycloak's "forbidden" section, as in the stock console. */
const AuthWall = ({ children }: { children: ReactNode }) => {
  const { hasAccess } = useAccess();
  const needed = useMatches().flatMap(({ handle }) => {
    const access = (handle as { access?: Access | Access[] } | undefined)?.access;
    return access === undefined ? [] : Array.isArray(access) ? access : [access];
  });
  return hasAccess(...needed) ? <>{children}</> : <ForbiddenSection permissionNeeded={needed} />;
};

/** Keycloak's admin console frame (header, navigation, breadcrumbs), with the extension's navigation group. */
export const Shell = () => (
  <AdminClientProvider>
    <AppContexts>
      <Page header={<Header />} isManagedSidebar sidebar={<PageNav />} breadcrumb={<PageBreadCrumbs />}
        mainContainerId="kc-main-content-page-container">
        <Suspense fallback={<Spinner />}>
          <AuthWall>
            <Outlet />
          </AuthWall>
        </Suspense>
      </Page>
    </AppContexts>
  </AdminClientProvider>
);
