// Types for the npm `radius` package (1.1.4 ships none); only what radius/wire.ts uses.
declare module "radius" {
  type EncodeArgs = {
    code: string;
    identifier?: number;
    authenticator?: Buffer;
    attributes?: unknown[];
    secret: string;
    add_message_authenticator?: boolean;
  };
  type Decoded = { code: string; identifier: number; attributes: Record<string, never>; raw_attributes: unknown[] };
  const radius: {
    add_dictionary(file: string): void;
    encode(args: EncodeArgs): Buffer;
    decode(args: { packet: Buffer; secret: string }): Decoded;
    decode_without_secret(args: { packet: Buffer; secret: string }): Decoded;
  };
  export default radius;
}
