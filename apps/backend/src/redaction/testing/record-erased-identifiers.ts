// Test support: identifiers recorded as erased (hashed, as an erasure records them), without
// running a whole erasure.
import type { TestDatabase } from "@greenloop/db/testing";
import { hashIdentifierValue } from "../erased-identifiers";

export async function recordErasedIdentifiers(
  db: TestDatabase,
  ids: Array<{ kind: string; value: string }>,
  erasureId: string,
): Promise<void> {
  await db.prisma.erasedIdentifier.createMany({
    data: ids.map((id) => ({
      kind: id.kind as "EMAIL",
      valueHash: hashIdentifierValue(id.value),
      erasureId,
    })),
  });
}
