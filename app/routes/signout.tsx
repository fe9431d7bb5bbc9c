import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySession } from "~/utils/auth.server";

export async function loader() {
  throw new Response("Sign out with the button in the header.", { status: 405 });
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: await destroySession(request) });
}
