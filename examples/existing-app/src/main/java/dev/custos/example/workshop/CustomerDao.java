// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import dev.custos.cdi.ProcessingPurpose;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/** Customers: the workshop's data access, a stateless EJB as the application has always had it. */
@Stateless
@ProcessingPurpose("counter")
public class CustomerDao {

    private static final Logger LOG = Logger.getLogger(CustomerDao.class.getName());

    @PersistenceContext(unitName = "workshop")
    private EntityManager em;

    public Optional<Customer> find(long id) {
        return Optional.ofNullable(em.find(Customer.class, id));
    }

    public List<Customer> search(String term) {
        return em.createNamedQuery("Customer.search", Customer.class)
                .setParameter("term", "%" + term.toLowerCase(Locale.ROOT) + "%").getResultList();
    }

    @ProcessingPurpose("newsletter")
    public List<String> newsletterRecipients() {
        return em.createNamedQuery("Customer.newsletter", Customer.class).getResultStream().map(Customer::getEmail)
                .toList();
    }

    public Customer create(String fullName, String email, String phone, String street) {
        Customer customer = new Customer(fullName, email, phone, street);
        em.persist(customer);
        em.flush();
        LOG.info("Created " + customer);
        return customer;
    }

    public Optional<Customer> moveTo(long id, String street) {
        return find(id).map(customer -> {
            customer.setStreet(street);
            em.flush();
            LOG.info("Moved " + customer);
            return customer;
        });
    }

    public Optional<Bike> addBike(long customerId, String make) {
        return find(customerId).map(customer -> {
            Bike bike = new Bike(customer, make);
            customer.getBikes().add(bike);
            em.persist(bike);
            em.flush();
            return bike;
        });
    }
}
