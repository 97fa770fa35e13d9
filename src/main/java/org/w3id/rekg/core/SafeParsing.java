package org.w3id.rekg.core;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import org.apache.jena.riot.RIOT;
import org.apache.jena.riot.lang.LangJSONLD11;

/**
 * Parsing that never reaches out: Jena's JSON-LD parser would fetch a remote {@code @context}
 * (any URL, {@code file:} included) while reading a document; REKG installs a document loader
 * that refuses every such fetch, in the server and in every command, so that reading JSON-LD
 * makes no request and reads no local file.
 *
 * <pre>{@code
 * SafeParsing.install(); // once, before anything is parsed
 * }</pre>
 */
public final class SafeParsing {
    private SafeParsing() {}

    /** Installs the refusing JSON-LD document loader in Jena's global RIOT context (idempotent). */
    public static void install() {
        JsonLdOptions options = new JsonLdOptions((url, loaderOptions) -> {
            throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED,
                    "REKG loads no remote JSON-LD context (" + url + "): put the context inline");
        });
        RIOT.getContext().set(LangJSONLD11.JSONLD_OPTIONS, options);
    }
}
