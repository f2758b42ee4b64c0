"""The one scrubber: known values out of any text; which values of a secrets file count."""

from __future__ import annotations

from booty.scrubbing import PLACEHOLDER, Scrubber, secret_values


def test_known_values_are_masked_longest_first_and_learned_later():
    scrubber = Scrubber(["abc123456789", None, ""])
    scrubber.add("abc123456789-extended")
    assert scrubber.scrub("a abc123456789-extended b abc123456789 c") == "a *** b *** c"
    assert scrubber.found_in("x abc123456789") and not scrubber.found_in("abc12345678")
    assert Scrubber().scrub("nothing known") == "nothing known" and len(Scrubber([PLACEHOLDER])) == 0


def test_env_values_count_when_long_or_named_secret_but_not_flags_and_ports():
    env = (
        "# comment\nSECRET_TOKEN=do-not-leak-this\nDEBUG=true\nPORT=5432\nMODE=production\n"
        'export API_KEY="k3y!"\nDATABASE_URL=postgres://app:s3cr3t-pw@db:5432/app  # primary\n'
        "SESSION_SALT='x9!x9!'\n"
    )
    values = secret_values(env)
    assert {"do-not-leak-this", "k3y!", "s3cr3t-pw", "x9!x9!"} <= values
    assert "postgres://app:s3cr3t-pw@db:5432/app" in values
    assert not values & {"true", "5432", "production", "primary"}


def test_other_secret_files_npmrc_credentials_pem_json_netrc():
    assert "npm_abcdefghijkl0123" in secret_values("//registry.npmjs.org/:_authToken=npm_abcdefghijkl0123\n")
    aws = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
    assert {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"} <= secret_values(aws)
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA1234567890abcdefghij\nKLMNOPqrstu0987654321zyxwvu+/abcd==\n-----END RSA PRIVATE KEY-----\n"
    assert secret_values(pem) == {
        "MIIEpAIBAAKCAQEA1234567890abcdefghij",
        "KLMNOPqrstu0987654321zyxwvu+/abcd==",
    }
    account = '{\n "private_key_id": "0123456789abcdef",\n "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0B\\n-----END PRIVATE KEY-----\\n"\n}'
    values = secret_values(account)
    assert {"0123456789abcdef", "MIIEvQIBADANBgkqhkiG9w0B"} <= values
    assert not any(v.startswith("-----") for v in values)
    assert "hunter22" in secret_values("machine api.example.com login bob password hunter22\n")
