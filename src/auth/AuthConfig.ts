/** How bearer tokens are verified (src/auth). */
export interface AuthConfig {
  /** A shared HS256 secret, or a PEM public key with its algorithm; unset: the development secret file (not in production). */
  readonly key:
    | { readonly kind: 'secret'; readonly secret: string }
    | { readonly kind: 'publicKey'; readonly pem: string; readonly algorithm: JwtPublicKeyAlgorithm }
    | { readonly kind: 'devSecretFile'; readonly path: string }
    | { readonly kind: 'none' };
  readonly issuer: string;
  readonly audience: string;
  readonly queries: 'public' | 'authenticated';
  /** Longest a token may live (AUTH_JWT_MAX_AGE), in seconds: its `exp − iat`, and its age since `iat`. */
  readonly maxTokenAgeSeconds: number;
}

export const JWT_PUBLIC_KEY_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;
export type JwtPublicKeyAlgorithm = (typeof JWT_PUBLIC_KEY_ALGORITHMS)[number];
