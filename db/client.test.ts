import { eq } from "drizzle-orm";
import { availableDatabaseKinds, createTestDatabase } from "../tests/helpers/db";
import { users } from "./schema";

const kinds = await availableDatabaseKinds();

describe.each(kinds)("database on %s", (kind) => {
  it("applies the migrations and round-trips a row, enforcing unique e-mails", async () => {
    const handle = await createTestDatabase(kind);
    try {
      const [created] = await handle.db
        .insert(users)
        .values({ email: "ada@example.org", name: "Ada", passwordHash: "x" })
        .returning();
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      const found = await handle.db.query.users.findFirst({ where: eq(users.email, "ada@example.org") });
      expect(found?.name).toBe("Ada");
      await expect(handle.db.insert(users).values({ email: "ada@example.org", name: "Other", passwordHash: "y" })).rejects.toThrow();
    } finally {
      await handle.close();
    }
  });
});
