package org.w3id.rekg.serve;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Server-wide guard: the server is read-only.
 * <p>
 * GET, HEAD and OPTIONS pass everywhere. POST passes only to the query endpoints (a SPARQL query
 * sent in the body or as an HTML form, which must not carry an {@code update} parameter) and to
 * the UI's validators under {@code /$/validate/}. In the opt-in write mode, every request to the
 * write service passes (the security handler has authenticated it). Every other request is
 * answered with 405 Method Not Allowed.
 */
final class ReadOnlyFilter implements Filter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> queryPaths;
    /** Path prefix of the opt-in write service ("/rekg-write/"), whose requests all pass (they are authenticated), or null. */
    private final String writablePrefix;

    /** @param queryPaths paths, from the context root, of the SPARQL query endpoints ("/rekg/sparql") */
    ReadOnlyFilter(Set<String> queryPaths) {
        this(queryPaths, null);
    }

    /**
     * @param queryPaths     paths, from the context root, of the SPARQL query endpoints ("/rekg/sparql")
     * @param writablePrefix path prefix of the authenticated write service, or null when there is none
     */
    ReadOnlyFilter(Set<String> queryPaths, String writablePrefix) {
        this.queryPaths = Set.copyOf(queryPaths);
        this.writablePrefix = writablePrefix;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest)req;
        HttpServletResponse response = (HttpServletResponse)resp;
        String method = request.getMethod();
        if ( SAFE.contains(method) ) {
            chain.doFilter(req, resp);
            return;
        }
        String path = pathOf(request);
        if ( writablePrefix != null && path.startsWith(writablePrefix) && !path.contains("..") ) {
            chain.doFilter(req, resp);
            return;
        }
        if ( "POST".equals(method) ) {
            if ( path.startsWith("/$/validate/") ) {
                chain.doFilter(req, resp);
                return;
            }
            if ( queryPaths.contains(path) && isQueryPost(request) ) {
                chain.doFilter(req, resp);
                return;
            }
        }
        response.setHeader("Allow", queryPaths.contains(path) ? "GET, HEAD, OPTIONS, POST" : "GET, HEAD, OPTIONS");
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                           "This server is read-only: " + method + " is not allowed here");
    }

    private static boolean isQueryPost(HttpServletRequest request) {
        String ct = request.getContentType();
        String type = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if ( type.equals("application/sparql-query") )
            return request.getParameter("update") == null;
        if ( type.isEmpty() || type.equals("application/x-www-form-urlencoded") )
            return request.getParameter("update") == null && request.getParameter("query") != null;
        return false;
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        if ( contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath) )
            uri = uri.substring(contextPath.length());
        return uri;
    }
}
