import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getUser } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return null;
}

const FLOWS = [
  { title: "Co-write", text: "Authors write manuscripts together in real time, cite, and keep every version." },
  { title: "Review in place", text: "Editors assign reviewers with conflict checks; reviewers annotate the text itself, with AI-assisted checks anchored to quotes." },
  { title: "Publish and license", text: "Accepted articles are encrypted, stored by content address and minted on chain; licence revenue is split among authors and reviewers." },
  { title: "Match cases", text: "Clinicians search de-identified cases by phenotype and genotype, across institutions, only where patients consented." },
];

export default function Landing() {
  return (
    <div className="landing">
      <section className="hero">
        <h1>Medical knowledge, written together and reviewed in the open.</h1>
        <p className="lead">
          MedNexus is a collaborative publishing and peer-review platform for medicine, built around one publication graph:
          people, manuscripts, reviews, articles, cases and trials.
        </p>
        <p className="hero__actions">
          <Link className="button button--large" to="/signup">
            Create an account
          </Link>
          <Link className="button button--ghost button--large" to="/signin">
            Sign in
          </Link>
        </p>
      </section>
      <section className="card-grid" aria-label="What you can do">
        {FLOWS.map((flow) => (
          <article key={flow.title} className="card">
            <h2>{flow.title}</h2>
            <p>{flow.text}</p>
          </article>
        ))}
      </section>
    </div>
  );
}
