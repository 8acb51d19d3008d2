import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { fetchPolicy, policyKey } from "../../api/policy.js";
import { useCan } from "../../auth/currentUser.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Loading } from "../../components/Loading.js";
import { PageHeader } from "../../components/PageHeader.js";
import { Time } from "../../components/Time.js";
import { UnsavedChangesScope } from "../../components/UnsavedChangesGuard.js";
import { ClaimApprovers } from "./ClaimApprovers.js";
import { LexiconEditor } from "./LexiconEditor.js";
import { PacksTable } from "./PacksTable.js";
import { StylesSection } from "./StylesSection.js";
import { TryItBox } from "./TryItBox.js";
import "./policy.css";

function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section className="card detail-section policy-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro && <p className="section-intro">{intro}</p>}
      {children}
    </section>
  );
}

const SECTIONS = [
  ["policy-try", "Try it"],
  ["policy-packs", "Packs and rules"],
  ["policy-lexicon", "Lexicon"],
  ["policy-claims", "Claims"],
  ["policy-styles", "Vale styles"],
] as const;

/** /policy: try any text against the policy; admins also switch packs, edit the lexicon, route claims and load Vale styles. */
export function PolicyPage() {
  const canManage = useCan("policy.manage");
  const policy = useQuery({ queryKey: policyKey, queryFn: fetchPolicy });
  const data = policy.data;
  const title = (id: (typeof SECTIONS)[number][0]) => SECTIONS.find(([s]) => s === id)?.[1] ?? "";
  return (
    <>
      <PageHeader
        title="Policy"
        description="The rules every draft, reply and share is checked against as it is written. Each finding says why and links to the guide; an error blocks publishing."
      />
      {policy.isPending && <Loading label="Loading the policy…" />}
      <ErrorMessage error={policy.error} title="The policy could not be loaded" />
      {data && (
        <UnsavedChangesScope what="the policy">
          <nav className="policy-toc" aria-label="On this page">
            <ul>
              {SECTIONS.map(([id, label]) => (
                <li key={id}>
                  <a href={`#${id}`}>{label}</a>
                </li>
              ))}
            </ul>
            <p className="muted policy-version">
              Version {data.version}
              {data.updatedAt && (
                <>
                  , changed <Time iso={data.updatedAt} />
                </>
              )}
            </p>
          </nav>
          {!canManage && (
            <p className="alert policy-alert-info page-alert">
              You can check any text here. Only administrators can change the policy, so the settings below are read-only.
            </p>
          )}
          <Section
            id="policy-try"
            title={title("policy-try")}
            intro="Check a text against the policy as it is now, without saving it anywhere."
          >
            <TryItBox version={data.version} />
          </Section>
          <Section
            id="policy-packs"
            title={title("policy-packs")}
            intro="Switch whole packs or single rules off, or give them another level. A rule's own setting wins over its pack's."
          >
            <PacksTable policy={data} canManage={canManage} />
          </Section>
          <Section
            id="policy-lexicon"
            title={title("policy-lexicon")}
            intro="The company's own words. Terms match whole words in any casing."
          >
            <LexiconEditor policy={data} canManage={canManage} />
          </Section>
          <Section
            id="policy-claims"
            title={title("policy-claims")}
            intro="A post that makes one of these claims needs an approval from the team chosen for it before it goes out, on top of the channel's workflow."
          >
            <ClaimApprovers policy={data} canManage={canManage} />
          </Section>
          <Section
            id="policy-styles"
            title={title("policy-styles")}
            intro={
              <>
                Bring the style guide you already have as{" "}
                <a href="https://vale.sh/docs/checks/" target="_blank" rel="noreferrer">
                  Vale rules
                </a>
                . Each style shows up under Packs and rules, where it can be switched off or re-levelled like a pack.
              </>
            }
          >
            <StylesSection policy={data} canManage={canManage} />
          </Section>
        </UnsavedChangesScope>
      )}
    </>
  );
}
