package dev.valhalla.server.keys;

/**
 * The response to creating or rotating a key: the only time {@code key} (the secret) is shown.
 *
 * @param key     the whole key, {@code vh_<id>_<secret>}; store it now, it cannot be shown again
 * @param warning says so, for people reading the response
 * @param apiKey  the key's stored description
 */
record IssuedKey(String key, String warning, ApiKey apiKey) {

    static final String WARNING = "Store this key now: it is shown only once and only its hash is kept.";

    IssuedKey(String key, ApiKey apiKey) {
        this(key, WARNING, apiKey);
    }

    @Override
    public String toString() {
        return "IssuedKey[" + apiKey.prefix() + "***]";
    }
}
