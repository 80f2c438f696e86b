package org.cloudtrailopensearch.benchmarks.mapper;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import org.cloudtrailopensearch.mapper.CloudTrailMapper;
import org.cloudtrailopensearch.mapper.MappingResult;

/**
 * A record's ECS document as bytes from {@code CloudTrailMapper.mapTo}, produced inside
 * {@code ObjectMapper.writeValueAsBytes} so that generator, buffers and the final copy are exactly the ceiling's.
 */
final class MapToBytes extends JsonSerializable.Base {

    private final CloudTrailMapper mapper;
    private final byte[] record;

    private MapToBytes(CloudTrailMapper mapper, byte[] record) {
        this.mapper = mapper;
        this.record = record;
    }

    static byte[] map(ObjectMapper json, CloudTrailMapper mapper, byte[] record) throws IOException {
        return json.writeValueAsBytes(new MapToBytes(mapper, record));
    }

    @Override
    public void serialize(JsonGenerator out, SerializerProvider provider) throws IOException {
        if (!(mapper.mapTo(record, out) instanceof MappingResult.Mapped)) {
            throw new IllegalStateException("corpus record rejected");
        }
    }

    @Override
    public void serializeWithType(JsonGenerator out, SerializerProvider provider, TypeSerializer typeSer) throws IOException {
        serialize(out, provider);
    }
}
