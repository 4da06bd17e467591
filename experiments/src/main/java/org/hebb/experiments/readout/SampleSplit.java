package org.hebb.experiments.readout;

import org.hebb.experiments.data.IdxImages;
import org.hebb.util.Require;

/**
 * NALSM's split of a dataset into training, validation and test samples: training images from the start of the
 * training file, validation images from its last sixth (from image 50,000 of Fashion-MNIST's 60,000), a fifth as
 * many as the training images (as many as the file has, at least one), and test images from the start of the test
 * file.
 *
 * @param train           training samples: images 0 to train - 1 of the training file
 * @param validationStart the training file's first validation image
 * @param validation      validation samples, from {@code validationStart} on
 * @param test            test samples: images 0 to test - 1 of the test file
 */
public record SampleSplit(int train, int validationStart, int validation, int test) {
    /** The fewest training or test samples: an accuracy measured on one sample is 0 or 1, and means nothing. */
    public static final int MIN_SAMPLES = 2;
    /** The most training images: NALSM validates on Fashion-MNIST's images from 50,000 on. */
    public static final int MAX_TRAIN = 50_000;
    private static final String TRAIN_NAME = "train images";
    private static final String TEST_NAME = "test images";

    /** Checks the requested sample counts by themselves, before any data is read. */
    public static void requireCounts(int train, int test) {
        requireCounts(train, test, TRAIN_NAME, TEST_NAME);
    }

    /**
     * As {@link #requireCounts(int, int)}, a refusal naming the counts {@code trainName} and {@code testName} (such
     * as the command-line options that gave them, {@code --train} and {@code --test}).
     */
    public static void requireCounts(int train, int test, String trainName, String testName) {
        Require.inRange(trainName, train, MIN_SAMPLES, MAX_TRAIN);
        Require.atLeast(testName, test, MIN_SAMPLES);
    }

    /**
     * Splits {@code trainImages} and {@code testImages} for {@code train} training and {@code test} test samples.
     *
     * @throws IllegalArgumentException naming the option, its value and what the data allows when the data has
     *                                  fewer images than asked for or when its two files hold images of two sizes
     */
    public static SampleSplit of(int train, int test, IdxImages trainImages, IdxImages testImages) {
        return of(train, test, trainImages, testImages, TRAIN_NAME, TEST_NAME);
    }

    /** As {@link #of(int, int, IdxImages, IdxImages)} from the data's shapes, before the images are read. */
    public static SampleSplit of(int train, int test, IdxImages.Shape trainImages, IdxImages.Shape testImages) {
        return of(train, test, trainImages, testImages, TRAIN_NAME, TEST_NAME);
    }

    /**
     * As {@link #of(int, int, IdxImages, IdxImages)}, a refusal naming the counts {@code trainName} and
     * {@code testName} (such as the command-line options that gave them, {@code --train} and {@code --test}).
     */
    public static SampleSplit of(int train, int test, IdxImages trainImages, IdxImages testImages, String trainName,
                                 String testName) {
        return of(train, test, trainImages.shape(), testImages.shape(), trainName, testName);
    }

    /**
     * As {@link #of(int, int, IdxImages, IdxImages, String, String)} from the data's shapes alone (as its files'
     * headers give them, {@link IdxImages#shape(java.nio.file.Path, IdxImages.Split)}), before the images are read.
     */
    public static SampleSplit of(int train, int test, IdxImages.Shape trainImages, IdxImages.Shape testImages,
                                 String trainName, String testName) {
        requireCounts(train, test, trainName, testName);
        Require.that(trainImages.rows() == testImages.rows() && trainImages.columns() == testImages.columns(),
                "test data of " + testImages.rows() + " x " + testImages.columns() + " images is not allowed with"
                        + " training data of " + trainImages.rows() + " x " + trainImages.columns() + " images: both"
                        + " must be the same size");
        int validationStart = Math.min(MAX_TRAIN, trainImages.size() * 5 / 6);
        Require.that(validationStart >= MIN_SAMPLES, "training data of " + trainImages.size() + " images is not "
                + "allowed: it needs at least " + (MIN_SAMPLES + 1) + " (" + MIN_SAMPLES + " to train, 1 to "
                + "validate)");
        Require.that(train <= validationStart, trainName + " = " + train + " is not allowed: must be at most "
                + validationStart + " (the training data has " + trainImages.size() + " images; those from "
                + validationStart + " on validate)");
        testImages.requireHas(testName, test, "test", "");
        int validation = Math.min(trainImages.size() - validationStart, Math.max(1, train / 5));
        return new SampleSplit(train, validationStart, validation, test);
    }
}
