package dev.artifactcache;
public final class Main { public static void main(String[] a) { } }
