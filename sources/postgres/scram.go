package postgres

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// scramIterations is PostgreSQL's default scram_iterations.
const scramIterations = 4096

// scramVerifier computes the SCRAM-SHA-256 verifier PostgreSQL stores for a
// password, as psql's \password does. Sending the verifier instead of the
// password keeps the password out of server logs (log_statement) and
// pg_stat_activity. The password is used as given (no SASLprep), which is
// exact for ASCII passwords.
func scramVerifier(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("scram salt: %w", err)
	}
	salted, err := pbkdf2.Key(sha256.New, password, salt, scramIterations, sha256.Size)
	if err != nil {
		return "", fmt.Errorf("scram key: %w", err)
	}
	clientKey := hmacSHA256(salted, "Client Key")
	storedKey := sha256.Sum256(clientKey)
	serverKey := hmacSHA256(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", scramIterations, b64(salt), b64(storedKey[:]), b64(serverKey)), nil
}

func hmacSHA256(key []byte, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// CheckPassword refuses a password that SCRAM clients would not send as
// written. libpq (psql) prepares a password with SASLprep (RFC 4013) before
// SCRAM, pgx (the ClickPipes engine) with PRECIS, and the two differ on
// exactly these characters: non-ASCII spaces, characters mapped to nothing
// (soft hyphen, zero-width and variation marks), and anything Unicode
// compatibility normalisation (NFKC) changes (fullwidth letters, decomposed
// accents, ligatures). No single stored verifier lets both log in, so the
// password is refused before anything is contacted. Every other password,
// non-ASCII ones included, is sent unchanged by both, as the verifier
// auroracfg stores expects.
func CheckPassword(password string) error {
	for _, r := range password {
		if r > unicode.MaxASCII && (unicode.Is(unicode.Zs, r) || mappedToNothing(r)) {
			return fmt.Errorf("it contains %U, which PostgreSQL clients prepare differently before logging in (SASLprep or PRECIS): psql and ClickPipes could not both log in; choose a password without it", r)
		}
	}
	if !norm.NFKC.IsNormalString(password) {
		return errors.New("it contains characters Unicode normalisation changes (fullwidth letters, decomposed accents, ligatures), which PostgreSQL clients prepare differently before logging in (SASLprep or PRECIS): psql and ClickPipes could not both log in; write it in composed form, without them")
	}
	return nil
}

// mappedToNothing is RFC 3454 table B.1, which SASLprep deletes.
func mappedToNothing(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x1806, r >= 0x180B && r <= 0x180D, r >= 0x200B && r <= 0x200D,
		r == 0x2060, r >= 0xFE00 && r <= 0xFE0F, r == 0xFEFF:
		return true
	}
	return false
}
