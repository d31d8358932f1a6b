"""`make bench-python`: jwtcore vs PyJWT 2.15 (cryptography/OpenSSL), same claims and keys, one run.

Prints median µs/op (timeit, best-of-5 repeats of N calls each) and the speedup.
"""

import statistics
import time
import timeit
from concurrent.futures import ThreadPoolExecutor

import jwt as pyjwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import jwtcore

SECRET = b"0123456789abcdef0123456789abcdef"
CLAIMS = {
    "sub": "user-1234567890",
    "iss": "https://auth.example.com",
    "aud": "api.example.com",
    "exp": 4102444800,
    "nbf": 1700000000,
    "iat": 1700000000,
    "jti": "6f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
    "name": "Alice Example",
    "roles": ["admin", "editor", "viewer"],
}
EC = ec.derive_private_key(0x1234567890ABCDEF1234567890ABCDEF, ec.SECP256R1())
ED = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KEY_FOR = {"ES256": EC, "EdDSA": ED, "RS256": RSA}


def pem(k, private):
    if private:
        return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return k.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def keys(lib, alg):
    """Pre-loaded key objects for each library."""
    if alg == "HS256":
        return SECRET, SECRET
    k = KEY_FOR[alg]
    if lib == "pyjwt":
        return k, k.public_key()
    return jwtcore._core.CoreKey.from_pem(pem(k, True).decode()), jwtcore._core.CoreKey.from_pem(pem(k, False).decode())


def per_call_us(fn, number):
    runs = timeit.repeat(fn, number=number, repeat=5)
    return statistics.median(runs) / number * 1e6


def main():
    kw = dict(audience="api.example.com", issuer="https://auth.example.com")
    rows = []
    for alg, n in (("HS256", 5000), ("ES256", 300), ("EdDSA", 500), ("RS256", 300)):
        results = {}
        for lib, mod in (("jwtcore", jwtcore), ("pyjwt", pyjwt)):
            sk, vk = keys(lib, alg)
            token = mod.encode(CLAIMS, sk, algorithm=alg)
            assert mod.decode(token, vk, algorithms=[alg], **kw)["sub"] == CLAIMS["sub"]
            results[(lib, "encode")] = per_call_us(lambda: mod.encode(CLAIMS, sk, algorithm=alg), n)
            results[(lib, "decode")] = per_call_us(lambda: mod.decode(token, vk, algorithms=[alg], **kw), n)
            # PEM strings handed over on every call, as many applications do.
            if alg != "HS256":
                k = KEY_FOR[alg]
                spem = pem(k, False).decode()
                results[(lib, "decode (PEM str)")] = per_call_us(
                    lambda: mod.decode(token, spem, algorithms=[alg], **kw), n
                )
        for op in ("encode", "decode", "decode (PEM str)"):
            if ("jwtcore", op) in results:
                a, b = results[("jwtcore", op)], results[("pyjwt", op)]
                rows.append((alg, op, a, b, b / a))
    print("| alg | op | jwtcore µs | PyJWT 2.15 µs | speedup |")
    print("|---|---|---:|---:|---:|")
    for alg, op, a, b, s in rows:
        print(f"| {alg} | {op} | {a:.1f} | {b:.1f} | {s:.1f}× |")

    # Thread-pool throughput, 2 threads, HS256 and EdDSA decode.
    print()
    print("| alg | threads | jwtcore decodes/s | PyJWT decodes/s |")
    print("|---|---:|---:|---:|")
    for alg in ("HS256", "EdDSA"):
        out = []
        for lib, mod in (("jwtcore", jwtcore), ("pyjwt", pyjwt)):
            sk, vk = keys(lib, alg)
            token = mod.encode(CLAIMS, sk, algorithm=alg)
            total = 4000 if alg == "HS256" else 800

            def work(count):
                for _ in range(count):
                    mod.decode(token, vk, algorithms=[alg], **kw)

            start = time.perf_counter()
            with ThreadPoolExecutor(2) as pool:
                list(pool.map(work, [total // 2, total // 2]))
            out.append(total / (time.perf_counter() - start))
        print(f"| {alg} | 2 | {out[0]:,.0f} | {out[1]:,.0f} |")


if __name__ == "__main__":
    main()
