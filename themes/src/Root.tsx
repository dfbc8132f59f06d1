import {
  Header,
  PageNav,
  routes as stockRoutes,
  useAccountAlerts,
  useEnvironment,
  usePromise,
  type AccountEnvironment,
  type Feature,
} from "@keycloak/keycloak-account-ui";
import {
  AlertVariant,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Page,
  PageSection,
  Spinner,
} from "@patternfly/react-core";
import { Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  createBrowserRouter,
  Navigate,
  Outlet,
  RouterProvider,
  type RouteObject,
} from "react-router-dom";

import { AccessKeysRoute } from "./access-keys/AccessKeys";
import { joinPath } from "./environment";

/** An item of the theme's content.json, which drives both the navigation and the routes. */
type MenuItem =
  | { id?: string; label: string; path: string; isVisible?: keyof Feature }
  | { label: string; children: MenuItem[]; isVisible?: keyof Feature };

/** Keycloak's pages, and ours. */
const pages: RouteObject[] = [...stockRoutes, AccessKeysRoute];

function routesFor(features: Feature, content: MenuItem[]): RouteObject[] {
  return content.flatMap((item): RouteObject[] => {
    if (item.isVisible && !features[item.isVisible]) {
      return [];
    }
    if ("children" in item) {
      return routesFor(features, item.children);
    }
    const page = pages.find((route) => route.path === (item.id ?? item.path));
    return page ? [{ path: item.path, element: page.element }] : [];
  });
}

function CatchAllRedirect() {
  const { t } = useTranslation();
  const { addAlert } = useAccountAlerts();
  useEffect(() => {
    addAlert(t("pageNotFound"), AlertVariant.warning);
  }, [addAlert, t]);
  return <Navigate to=".." replace />;
}

function RouteError() {
  const { t } = useTranslation();
  return (
    <PageSection>
      <EmptyState>
        <EmptyStateHeader titleText={t("somethingWentWrong")} headingLevel="h1" />
        <EmptyStateBody>{t("somethingWentWrongDescription")}</EmptyStateBody>
        <Button variant="primary" onClick={() => location.reload()}>
          {t("tryAgain")}
        </Button>
      </EmptyState>
    </PageSection>
  );
}

/** The stock account console's root: header, navigation from content.json, and the page. */
export const Root = () => {
  const context = useEnvironment<AccountEnvironment>();
  const { environment } = context;
  const [router, setRouter] = useState<ReturnType<typeof createBrowserRouter>>();

  usePromise(
    async (signal) => {
      const response = await fetch(joinPath(environment.resourceUrl, "/content.json"), { signal });
      return (await response.json()) as MenuItem[];
    },
    (content) => {
      setRouter(
        createBrowserRouter([
          {
            path: decodeURIComponent(new URL(environment.baseUrl).pathname),
            element: (
              <Page header={<Header />} sidebar={<PageNav />} isManagedSidebar>
                <Suspense fallback={<Spinner />}>
                  <Outlet />
                </Suspense>
              </Page>
            ),
            errorElement: <RouteError />,
            children: [
              ...routesFor(environment.features, content),
              { path: "*", element: <CatchAllRedirect /> },
            ],
          },
        ]),
      );
    },
  );

  return router ? <RouterProvider router={router} /> : <Spinner />;
};
