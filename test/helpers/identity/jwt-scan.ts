// Finds JWT-shaped strings (three base64url parts, the first a JSON header "eyJ…"): what must never
// appear in anything the token provider exposes.
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g;

export function jwtShapedStrings(texts: readonly string[]): string[] {
  return texts.flatMap((t) => t.match(JWT_SHAPE) ?? []);
}
