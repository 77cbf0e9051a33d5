package com.google.errorprone.annotations.concurrent;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * TEMPORARY build fix, to delete once valhalla-server/pom.xml declares
 * {@code com.google.errorprone:error_prone_annotations} (scope provided): Jdbi's {@code Handle} class
 * file carries this annotation, and without its type on the compile classpath javac warns
 * ("Cannot find annotation method 'value()'"), which {@code -Werror} turns into a failed build.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface GuardedBy {
    /** The lock guarding the member. */
    String value();
}
