package org.hebb.simulator.storage;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.jhdf.ObjectHeader;
import io.jhdf.WritableDatasetImpl;
import io.jhdf.api.Attribute;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.object.datatype.OrderedDataType;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.Message;
import io.jhdf.storage.HdfFileChannel;

/**
 * A one-dimensional HDF5 dataset of float, double, int or long values written straight from the caller's array, a
 * slice of {@link #SLICE_BYTES} at a time. jHDF's own writer encodes such a dataset through one heap buffer of its
 * whole size when the file closes: a second copy of the array (0.4 GB for the weights of 10^8 synapses). This one
 * writes the same object header and the same bytes (contiguous layout, the type's byte order; a test compares the
 * files byte for byte) without that copy. The array must not change until the file is closed.
 */
public final class StreamedDataset extends WritableDatasetImpl {
    /** The size of the slices the values are written in, bytes. */
    static final int SLICE_BYTES = 1 << 20;

    private final Object values;

    private StreamedDataset(Object values, String name, WritableGroup parent) {
        super(values, name, parent);
        this.values = values;
    }

    /**
     * Adds {@code values} to {@code group} as dataset {@code name}, and returns it: streamed where it is a non-empty
     * float[], double[], int[] or long[], through jHDF's own writer otherwise.
     */
    public static WritableDataset put(WritableGroup group, String name, Object values) {
        boolean streamable = values instanceof float[] || values instanceof double[] || values instanceof int[]
                || values instanceof long[];
        if (streamable && Array.getLength(values) > 0) {
            return group.putDataset(name, new StreamedDataset(values, name, group));
        }
        return group.putDataset(name, values);
    }

    /** Writes the header, as jHDF's {@link WritableDatasetImpl#write} does, and the values in slices. */
    @Override
    public long write(HdfFileChannel channel, long position) {
        List<Message> messages = new ArrayList<>();
        messages.add(DataTypeMessage.create(getDataType()));
        messages.add(DataSpaceMessage.create(DataSpace.fromObject(values)));
        messages.add(FillValueMessage.NO_FILL);
        ContiguousDataLayoutMessage placeholder = ContiguousDataLayoutMessage.create(-1L, -1L);
        messages.add(placeholder);
        Map<String, Attribute> attributes = getAttributes();
        if (!attributes.isEmpty()) {
            messages.add(AttributeInfoMessage.create());
            for (Map.Entry<String, Attribute> a : attributes.entrySet()) {
                messages.add(AttributeMessage.create(a.getKey(), a.getValue()));
            }
        }
        long dataAddress = position + new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer().limit();
        long dataBytes = writeValues(channel, dataAddress);
        messages.add(ContiguousDataLayoutMessage.create(dataAddress, dataBytes));
        messages.remove(placeholder);
        channel.write(new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer(), position);
        return dataAddress + dataBytes;
    }

    /**
     * Writes the values from {@code address} on, leaving the channel's position after them as jHDF's own writer does
     * (it appends its closing note there).
     */
    private long writeValues(HdfFileChannel channel, long address) {
        ByteOrder order = ((OrderedDataType) getDataType()).getByteOrder();
        int width = getDataType().getSize();
        int length = Array.getLength(values);
        int perSlice = SLICE_BYTES / width;
        ByteBuffer slice = ByteBuffer.allocate(Math.min(length, perSlice) * width).order(order);
        channel.position(address);
        for (int from = 0; from < length; from += perSlice) {
            int count = Math.min(perSlice, length - from);
            slice.clear();
            if (values instanceof float[] f) {
                slice.asFloatBuffer().put(f, from, count);
            } else if (values instanceof double[] d) {
                slice.asDoubleBuffer().put(d, from, count);
            } else if (values instanceof int[] n) {
                slice.asIntBuffer().put(n, from, count);
            } else {
                slice.asLongBuffer().put((long[]) values, from, count);
            }
            slice.limit(count * width);
            while (slice.hasRemaining()) {
                channel.write(slice);
            }
        }
        return (long) length * width;
    }
}
