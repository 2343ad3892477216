import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import { TokenCipher } from './token-cipher';

/**
 * Recomputes the stored token fingerprints at start: rows written before fingerprints were
 * HMACs (a bare SHA-256 prefix, which confirms a guessed token offline), or under another active
 * key, get the current HMAC. Idempotent; a token that cannot be decrypted is left as it is.
 */
@Injectable()
export class TokenFingerprintRefresh implements OnApplicationBootstrap {
  private readonly logger = new Logger('TokenCipher');

  constructor(
    private readonly prisma: PrismaService,
    private readonly cipher: TokenCipher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const rows = await this.prisma.workspace.findMany({
      where: { tokenCiphertext: { not: null }, tokenKeyId: { not: null } },
      select: { id: true, tokenCiphertext: true, tokenKeyId: true, tokenFingerprint: true },
    });
    let updated = 0;
    for (const row of rows) {
      let fingerprint: string;
      try {
        fingerprint = this.cipher.fingerprint(
          this.cipher.decrypt({ ciphertext: Buffer.from(row.tokenCiphertext!), keyId: row.tokenKeyId! }, row.id),
        );
      } catch (error) {
        this.logger.warn(`The token of workspace ${row.id} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (fingerprint === row.tokenFingerprint) continue;
      await this.prisma.workspace.updateMany({
        where: { id: row.id, tokenCiphertext: { not: null } },
        data: { tokenFingerprint: fingerprint },
      });
      updated += 1;
    }
    if (updated) this.logger.log(`Recomputed ${updated} token fingerprint(s) as HMACs under the current key`);
  }
}
