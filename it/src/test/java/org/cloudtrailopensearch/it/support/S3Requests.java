package org.cloudtrailopensearch.it.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * What S3Proxy was asked to list and to read, recorded at its storage interface: tests prove with it that objects
 * outside a selection, or already loaded, were never listed or downloaded (also by a loader in another process).
 */
public final class S3Requests {

    /** A listing: {@code delimiter} is null for a full listing below the prefix, "/" for one folder level. */
    public record Listing(String prefix, String delimiter) {
    }

    private final List<Listing> listings = new CopyOnWriteArrayList<>();
    private final List<String> reads = new CopyOnWriteArrayList<>();

    BlobStore record(BlobStore store) {
        InvocationHandler handler = (proxy, method, args) -> {
            note(method, args);
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                handler);
    }

    private void note(Method method, Object[] args) {
        if (args == null) {
            return;
        }
        if (method.getName().equals("getBlob")) {
            if (args[0] instanceof GetObjectRequest get) {
                reads.add(get.key());
            } else if (args.length >= 2 && args[1] instanceof String key) {
                reads.add(key);
            }
        } else if (method.getName().equals("list") && args[0] instanceof ListObjectsV2Request list) {
            listings.add(new Listing(list.prefix() == null ? "" : list.prefix(), list.delimiter()));
        }
    }

    /** Keys of the objects read (GET), in order. */
    public List<String> reads() {
        return List.copyOf(reads);
    }

    public List<Listing> listings() {
        return List.copyOf(listings);
    }

    public void clear() {
        reads.clear();
        listings.clear();
    }
}
