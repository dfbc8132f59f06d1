import {
  Alert,
  Button,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Pagination,
  SearchInput,
  Spinner,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from "@patternfly/react-core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { describeError, useLegacyAuthApi, type FoundKey } from "./api";
import { KeyTable } from "./KeyTable";

/**
 * What is sent for a search: the key id alone. A whole key pasted in (ours, lak_..., or an imported
 * Tuleap key, tlp.k1.<id>.<secret>) is cut down to its id here, so its secret never leaves the page (no
 * URL, no access log, no history holds it).
 */
export function keyIdOf(text: string): string {
  const value = text.trim();
  // anywhere in what was pasted: a header line, quotes, a log excerpt
  const ours = /lak_[ux][0-9a-z]{1,400}_([0-9A-Za-z]{8})[0-9A-Za-z]{28}/.exec(value);
  if (ours) return ours[1];
  const tuleap = /tlp\.k1\.(\d{1,18})\.[0-9a-fA-F]{16,}/.exec(value);
  if (tuleap) return `tlp-${BigInt(tuleap[1]).toString()}`;
  // something else that looks like a secret is not sent either
  return /^[0-9A-Za-z-]{1,64}$/.test(value) ? value : "";
}

/**
 * Every key of the realm, a page at a time, and the search an admin answering "this key leaked" starts
 * from: a key id as events carry it, or the leaked key itself.
 */
export const AccessKeysTab = ({ realm }: { realm: string }) => {
  const { t } = useTranslation();
  const api = useLegacyAuthApi(realm);
  const [search, setSearch] = useState("");
  const [applied, setApplied] = useState("");
  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(20);
  const [found, setFound] = useState<FoundKey[]>();
  const [problem, setProblem] = useState<string>();
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setFound(undefined);
    // one more than a page: tells whether there is a next one
    api<FoundKey[]>(`access-keys?search=${encodeURIComponent(applied)}&first=${first}&max=${Math.min(max + 1, 100)}`)
      .then((keys) => live && (setFound(keys), setProblem(undefined)))
      .catch((error) => live && (setFound([]), setProblem(describeError(error))));
    return () => {
      live = false;
    };
  }, [api, applied, first, max, reload]);

  const [notAnId, setNotAnId] = useState(false);

  const find = () => {
    const id = keyIdOf(search);
    setSearch(id); // a pasted secret does not stay on the page either
    setNotAnId(!id && !!search.trim());
    if (!id && search.trim()) return;
    setFirst(0);
    setApplied(id);
  };

  return (
    <>
      <Form onSubmit={(event) => (event.preventDefault(), find())} className="pf-v5-u-mb-md">
        <FormGroup label={t("legacyAuthFindKey")} fieldId="legacy-auth-key-search">
          <SearchInput
            id="legacy-auth-key-search"
            data-testid="legacy-auth-key-search"
            aria-label={t("legacyAuthFindKey")}
            placeholder={t("legacyAuthFindKeyPlaceholder")}
            value={search}
            onChange={(_event, value) => setSearch(value)}
            onSearch={find}
            onClear={() => (setSearch(""), setFirst(0), setApplied(""))}
          />
          <FormHelperText>
            <HelperText>
              {notAnId ? (
                <HelperTextItem variant="error" data-testid="legacy-auth-field-error">{t("legacyAuthNotAKeyId")}</HelperTextItem>
              ) : (
                <HelperTextItem>{t("legacyAuthFindKeyHelp")}</HelperTextItem>
              )}
            </HelperText>
          </FormHelperText>
        </FormGroup>
      </Form>
      {problem && <Alert variant="danger" isInline title={problem} data-testid="legacy-auth-keys-error" />}
      {!found ? (
        <Spinner aria-label={t("legacyAuthLoading")} />
      ) : found.length === 0 ? (
        <EmptyState variant="sm" data-testid="legacy-auth-keys-empty">
          <EmptyStateHeader titleText={t(applied ? "legacyAuthNoKeyFound" : "legacyAuthNoKeys")} headingLevel="h2" />
          <EmptyStateBody>{t(applied ? "legacyAuthNoKeyFoundHelp" : "legacyAuthNoKeysHelp")}</EmptyStateBody>
          {applied && (
            <Button variant="link" onClick={() => (setSearch(""), setApplied(""))}>{t("legacyAuthShowAll")}</Button>
          )}
        </EmptyState>
      ) : (
        <>
          <Toolbar>
            <ToolbarContent>
              <ToolbarItem variant="pagination" align={{ default: "alignRight" }}>
                <Pagination
                  isCompact
                  itemCount={first + found.length}
                  page={Math.floor(first / max) + 1}
                  perPage={max}
                  toggleTemplate={({ firstIndex, lastIndex }) => (
                    <b>{firstIndex} - {Math.min(lastIndex ?? 0, first + Math.min(found.length, max))}</b>
                  )}
                  onSetPage={(_event, page) => setFirst((page - 1) * max)}
                  onPerPageSelect={(_event, perPage) => (setFirst(0), setMax(perPage))}
                  titles={{ paginationAriaLabel: t("legacyAuthPagination") }}
                />
              </ToolbarItem>
            </ToolbarContent>
          </Toolbar>
          <KeyTable
            realm={realm}
            rows={found.slice(0, max).map((item) => ({ key: item.key, userId: item.user_id, username: item.username }))}
            showOwner
            onChanged={() => setReload((n) => n + 1)}
            ariaLabel={t("legacyAuthAccessKeys")}
          />
        </>
      )}
    </>
  );
};
